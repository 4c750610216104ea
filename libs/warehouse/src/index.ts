export * from './ports/warehouse-connection.port';
export * from './adapters/duckdb-connection.adapter';
export * from './schema/retail-schema';
