export * from './model/segment.model';
export * from './model/catalog.model';
