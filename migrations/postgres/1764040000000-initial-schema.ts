import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL: tenants, keys, prompt versions, audit, segments, conversations, feedback, catalogs. */
export class InitialSchemaPostgres1764040000000 implements MigrationInterface {
  name = 'InitialSchemaPostgres1764040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "tenants" ("id" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "status" character varying(16) NOT NULL, "settings" text NOT NULL, "created_at" character varying(32) NOT NULL, "updated_at" character varying(32) NOT NULL, CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "api_keys" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character varying(64) NOT NULL, "roles" text NOT NULL, "created_at" character varying(32) NOT NULL, "created_by" character varying(64) NOT NULL, "revoked_at" character varying(32), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "api_keys_hash_uq" ON "api_keys" ("key_hash")`);
    await q.query(`CREATE INDEX "api_keys_tenant_idx" ON "api_keys" ("tenant_id")`);
    await q.query(
      `CREATE TABLE "prompt_versions" ("id" character varying(36) NOT NULL, "skill_id" character varying(100) NOT NULL, "version" integer NOT NULL, "template" text NOT NULL, "notes" text, "active" boolean NOT NULL, "created_at" character varying(32) NOT NULL, "created_by" character varying(64) NOT NULL, "activated_at" character varying(32), CONSTRAINT "PK_5411972c2e9c63bd40530b80545" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "prompt_versions_skill_version_uq" ON "prompt_versions" ("skill_id", "version")`,
    );
    await q.query(
      `CREATE TABLE "audit_log" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "actor" character varying(64) NOT NULL, "action" character varying(64) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(100) NOT NULL, "details" text, "at" character varying(32) NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_log_tenant_at_idx" ON "audit_log" ("tenant_id", "at")`);
    await q.query(
      `CREATE TABLE "segments" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "description" text, "current_version" integer NOT NULL, "created_at" character varying(32) NOT NULL, "created_by" character varying(64) NOT NULL, "updated_at" character varying(32) NOT NULL, "updated_by" character varying(64) NOT NULL, "deleted_at" character varying(32), CONSTRAINT "PK_beff1eec19679fe8ad4f291f04e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "segments_tenant_idx" ON "segments" ("tenant_id", "deleted_at")`);
    await q.query(
      `CREATE TABLE "segment_versions" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "segment_id" character varying(36) NOT NULL, "version" integer NOT NULL, "definition" text NOT NULL, "created_at" character varying(32) NOT NULL, "created_by" character varying(64) NOT NULL, CONSTRAINT "PK_1fe6d37f3ee28b9c5dd33a6cf06" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "segment_versions_uq" ON "segment_versions" ("tenant_id", "segment_id", "version")`,
    );
    await q.query(
      `CREATE TABLE "conversations" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "current_segment" text, "created_at" character varying(32) NOT NULL, "created_by" character varying(64) NOT NULL, "updated_at" character varying(32) NOT NULL, CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "conversations_tenant_idx" ON "conversations" ("tenant_id", "created_at")`);
    await q.query(
      `CREATE TABLE "conversation_turns" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "conversation_id" character varying(36) NOT NULL, "seq" integer NOT NULL, "text" text NOT NULL, "skill" character varying(100) NOT NULL, "status" character varying(16) NOT NULL, "result" text NOT NULL, "elapsed_ms" integer NOT NULL, "created_at" character varying(32) NOT NULL, "created_by" character varying(64) NOT NULL, CONSTRAINT "PK_73857f0e1ae61da8995faed5f62" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "conversation_turns_uq" ON "conversation_turns" ("tenant_id", "conversation_id", "seq")`,
    );
    await q.query(
      `CREATE TABLE "feedback" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "kind" character varying(16) NOT NULL, "conversation_id" character varying(36), "turn_seq" integer, "text" text, "segment" text, "comment" text, "created_at" character varying(32) NOT NULL, "created_by" character varying(64) NOT NULL, CONSTRAINT "PK_8389f9e087a57689cd5be8b2b13" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "feedback_tenant_idx" ON "feedback" ("tenant_id", "created_at")`);
    await q.query(
      `CREATE TABLE "tenant_catalogs" ("tenant_id" character varying(64) NOT NULL, "version" integer NOT NULL, "catalog" text NOT NULL, "updated_at" character varying(32) NOT NULL, "updated_by" character varying(64) NOT NULL, CONSTRAINT "PK_075e5ce6057d7023a9ac9d354c3" PRIMARY KEY ("tenant_id"))`,
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
