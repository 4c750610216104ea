import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite: tenants, keys, prompt versions, audit, segments, conversations, feedback, catalogs. */
export class InitialSchemaSqlite1764040000000 implements MigrationInterface {
  name = 'InitialSchemaSqlite1764040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "tenants" ("id" varchar(64) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "status" varchar(16) NOT NULL, "settings" text NOT NULL, "created_at" varchar(32) NOT NULL, "updated_at" varchar(32) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "api_keys" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "prefix" varchar(16) NOT NULL, "key_hash" varchar(64) NOT NULL, "roles" text NOT NULL, "created_at" varchar(32) NOT NULL, "created_by" varchar(64) NOT NULL, "revoked_at" varchar(32))`,
    );
    await q.query(`CREATE UNIQUE INDEX "api_keys_hash_uq" ON "api_keys" ("key_hash")`);
    await q.query(`CREATE INDEX "api_keys_tenant_idx" ON "api_keys" ("tenant_id")`);
    await q.query(
      `CREATE TABLE "prompt_versions" ("id" varchar(36) PRIMARY KEY NOT NULL, "skill_id" varchar(100) NOT NULL, "version" integer NOT NULL, "template" text NOT NULL, "notes" text, "active" boolean NOT NULL, "created_at" varchar(32) NOT NULL, "created_by" varchar(64) NOT NULL, "activated_at" varchar(32))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "prompt_versions_skill_version_uq" ON "prompt_versions" ("skill_id", "version")`,
    );
    await q.query(
      `CREATE TABLE "audit_log" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "actor" varchar(64) NOT NULL, "action" varchar(64) NOT NULL, "entity_type" varchar(64) NOT NULL, "entity_id" varchar(100) NOT NULL, "details" text, "at" varchar(32) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "audit_log_tenant_at_idx" ON "audit_log" ("tenant_id", "at")`);
    await q.query(
      `CREATE TABLE "segments" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "description" text, "current_version" integer NOT NULL, "created_at" varchar(32) NOT NULL, "created_by" varchar(64) NOT NULL, "updated_at" varchar(32) NOT NULL, "updated_by" varchar(64) NOT NULL, "deleted_at" varchar(32))`,
    );
    await q.query(`CREATE INDEX "segments_tenant_idx" ON "segments" ("tenant_id", "deleted_at")`);
    await q.query(
      `CREATE TABLE "segment_versions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "segment_id" varchar(36) NOT NULL, "version" integer NOT NULL, "definition" text NOT NULL, "created_at" varchar(32) NOT NULL, "created_by" varchar(64) NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "segment_versions_uq" ON "segment_versions" ("tenant_id", "segment_id", "version")`,
    );
    await q.query(
      `CREATE TABLE "conversations" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "current_segment" text, "created_at" varchar(32) NOT NULL, "created_by" varchar(64) NOT NULL, "updated_at" varchar(32) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "conversations_tenant_idx" ON "conversations" ("tenant_id", "created_at")`);
    await q.query(
      `CREATE TABLE "conversation_turns" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "conversation_id" varchar(36) NOT NULL, "seq" integer NOT NULL, "text" text NOT NULL, "skill" varchar(100) NOT NULL, "status" varchar(16) NOT NULL, "result" text NOT NULL, "elapsed_ms" integer NOT NULL, "created_at" varchar(32) NOT NULL, "created_by" varchar(64) NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "conversation_turns_uq" ON "conversation_turns" ("tenant_id", "conversation_id", "seq")`,
    );
    await q.query(
      `CREATE TABLE "feedback" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "kind" varchar(16) NOT NULL, "conversation_id" varchar(36), "turn_seq" integer, "text" text, "segment" text, "comment" text, "created_at" varchar(32) NOT NULL, "created_by" varchar(64) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "feedback_tenant_idx" ON "feedback" ("tenant_id", "created_at")`);
    await q.query(
      `CREATE TABLE "tenant_catalogs" ("tenant_id" varchar(64) PRIMARY KEY NOT NULL, "version" integer NOT NULL, "catalog" text NOT NULL, "updated_at" varchar(32) NOT NULL, "updated_by" varchar(64) NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'tenant_catalogs',
      'feedback',
      'conversation_turns',
      'conversations',
      'segment_versions',
      'segments',
      'audit_log',
      'prompt_versions',
      'api_keys',
      'tenants',
    ]) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
