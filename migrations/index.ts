import { InitialSchemaPostgres1764040000000 } from './postgres/1764040000000-initial-schema';
import { InitialSchemaSqlite1764040000000 } from './sqlite/1764040000000-initial-schema';
import { LlmSpendPostgres1795587259550 } from './postgres/1795587259550-llm-spend';
import { LlmSpendSqlite1795587259550 } from './sqlite/1795587259550-llm-spend';

/**
 * Explicit schema migrations, one set per database dialect. TypeORM never synchronizes:
 * the API runs these at boot, and test/integration/migrations* fails when entities and
 * migrations drift apart. Add a migration to BOTH sets for every entity change.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const SQLITE_MIGRATIONS: Function[] = [InitialSchemaSqlite1764040000000, LlmSpendSqlite1795587259550];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const POSTGRES_MIGRATIONS: Function[] = [InitialSchemaPostgres1764040000000, LlmSpendPostgres1795587259550];
