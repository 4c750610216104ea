export * from './model/segment.model';
export * from './model/catalog.model';
export * from './model/segment-walk';
export * from './model/segment.schema';
export * from './verifier/verify-result.model';
export { verifySegment, assertValidSegment } from './verifier/segment-verifier';
export * from './explainer/segment-explainer';
export * from './compiler';
