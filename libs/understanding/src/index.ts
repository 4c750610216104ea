export * from './engine/understanding-engine';
export * from './engine/result.model';
