import type { AttributeOp, EventTypeDef, FacetSource, FacetType, ModelDef, RuleDef } from '@smartseg/segment-engine';

/**
 * What a tenant says about its data, before the warehouse is read: facets with their
 * meaning, synonyms and PII flags, business rules as segment definitions, words for
 * departments and brands. `buildCatalog` joins it with the facts read from the warehouse
 * (values and their counts, the product taxonomy, numeric ranges) into a `Catalog`.
 */
export interface FacetDefinition {
  name: string;
  label: string;
  type: FacetType;
  source: FacetSource;
  description: string;
  pii: boolean;
  synonyms?: string[];
  /** Labels and synonyms of values (e.g. CA -> California); values themselves come from the warehouse. */
  valueWords?: Record<string, { label?: string; synonyms?: string[] }>;
  unit?: string;
  /** For an ordered enum (tiers, bands): its values from lowest to highest. */
  order?: string[];
  /** Overrides the operators implied by the type. */
  operators?: AttributeOp[];
}

export interface CatalogDefinition {
  tenant_id: string;
  facets: FacetDefinition[];
  rules: RuleDef[];
  event_types: EventTypeDef[];
  models: ModelDef[];
  departmentWords: Record<string, string[]>;
  categoryWords: Record<string, string[]>;
  brandWords: Record<string, string[]>;
  private_label_brand?: string;
}

/** What the warehouse says (read by libs/warehouse's catalog reader). */
export interface CatalogFacts {
  as_of: string;
  facetValues: Record<string, { value: string | number | boolean; count: number }[]>;
  numericRanges: Record<string, { min: number; max: number }>;
  departments: { name: string; categories: string[] }[];
  brands: { name: string; departments: string[] }[];
  stores?: { id: number; name: string; city: string; state: string; format: string }[];
}

export const OPERATORS_BY_TYPE: Readonly<Record<FacetType, AttributeOp[]>> = {
  string: ['eq', 'neq', 'in', 'not_in', 'is_unknown', 'is_known'],
  enum: ['eq', 'neq', 'in', 'not_in', 'is_unknown', 'is_known'],
  boolean: ['eq', 'neq', 'is_unknown', 'is_known'],
  number: ['eq', 'neq', 'in', 'not_in', 'between', 'gt', 'gte', 'lt', 'lte', 'is_unknown', 'is_known'],
  date: ['eq', 'neq', 'between', 'gt', 'gte', 'lt', 'lte', 'is_unknown', 'is_known'],
};
