/** The reference retail tenant: its vocabulary, the warehouse generator and the PostgreSQL loader. */
export * from './retail-taxonomy.data';
export { buildRetailProducts, buildRetailStores, ONLINE_STORE_ID, type RetailProduct, type RetailStore } from './retail-dimensions.data';
export { HISTORY_DAYS, buildRetailCalendar, parseIsoDate, type RetailCalendar } from './retail-calendar';
export {
  DEFAULT_CHUNK_CUSTOMERS,
  GENERATION_STEPS,
  GENERATOR_VERSION,
  MAX_CUSTOMERS,
  META_TABLE,
  MIN_CUSTOMERS,
  generateRetailWarehouse,
  readWarehouseMeta,
  splitStatements,
  type GenerateRetailOptions,
  type GenerationProgress,
  type GenerationStats,
  type GenerationStep,
} from './retail-generator';
export { DEMO_DEFAULTS, generateDemoWarehouse, type GenerateDemoOptions, type GenerateDemoResult } from './generate-demo';
export { copyWarehouseToPostgres, type CopyToPostgresOptions, type CopyToPostgresStats } from './copy-to-postgres';
export { duckdbRowChecksums, warehouseChecksums, type WarehouseChecksums } from './warehouse-checksums';
