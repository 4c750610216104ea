export * from './compiler.types';
export { CompileContext, type CompileContextOptions } from './compile-context';
export { compilePredicate } from './predicate.compiler';
export { compileSegment, createCompileContext } from './segment-compiler';
export { sqlDialect } from './dialects/dialect-registry';
export type { SqlDialect, ParamStyle, TruncUnit } from './dialects/sql-dialect';
export {
  CUSTOMER_FACTS_META_TABLE,
  CUSTOMER_FACTS_TABLE,
  CUSTOMER_FACTS_VERSION,
  PURCHASE_LINES_TABLE,
  EVENT_COUNT_WINDOWS,
  FACT_WINDOWS,
  ORDER_VARIANTS,
  factColumns,
  factWindowRange,
  resolveWindowRange,
  type CustomerFactsInfo,
  type CustomerFactsLayout,
  type DateRange,
  type FactWindowDef,
  type OrderVariant,
} from './facts/customer-facts.layout';
