export * from './ports/warehouse-connection.port';
export * from './adapters/duckdb-connection.adapter';
export * from './schema/retail-schema';
export * from './audience/audience.service';
export * from './audience/audience.model';
export * from './catalog/catalog-facts.reader';
export * from './generator';
export * from './adapters/postgres-connection.adapter';
