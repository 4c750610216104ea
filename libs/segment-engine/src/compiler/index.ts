export * from './compiler.types';
export { CompileContext, type CompileContextOptions } from './compile-context';
export { compilePredicate } from './predicate.compiler';
export { compileSegment, createCompileContext } from './segment-compiler';
export { sqlDialect } from './dialects/dialect-registry';
export type { SqlDialect, ParamStyle, TruncUnit } from './dialects/sql-dialect';
