export * from './catalog/catalog-definition.model';
export * from './catalog/catalog-builder';
export * from './reference-retail/reference-retail.definition';
export * from './testing/reference-retail.test-catalog';
export * from './catalog/catalog-file.store';
