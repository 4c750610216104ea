import type { AttributeOp, SegmentNode } from './segment.model';

/**
 * The tenant's catalog as the segment engine sees it: what can be said about customers.
 * knowledge-store owns loading, versioning and storing it; segment-engine only reads it
 * (the verifier checks segments against it, the compiler maps facets to columns, the
 * explainer takes labels from it).
 */

export type FacetType = 'string' | 'enum' | 'number' | 'boolean' | 'date';

/** How a facet is computed from the warehouse. */
export type FacetSource =
  | { kind: 'column'; column: string }
  | {
      kind: 'derived';
      /** age: whole years from birth_date to D; birth_month: 1-12; days_since_*: days to D. */
      derivation:
        'age' | 'birth_month' | 'days_since_last_purchase' | 'days_since_first_purchase' | 'days_since_signup';
    };

export interface FacetValue {
  value: string | number | boolean;
  label?: string;
  /** Number of customers holding the value, read from the warehouse at catalog build time. */
  count?: number;
  synonyms?: string[];
}

export interface FacetDef {
  name: string;
  label: string;
  type: FacetType;
  operators: AttributeOp[];
  source: FacetSource;
  description: string;
  pii: boolean;
  synonyms?: string[];
  /** Closed value list for enum facets (and booleans); counts filled from the warehouse. */
  values?: FacetValue[];
  /** For an ordered enum (tiers, bands): its values from lowest to highest ("gold and up"). */
  order?: (string | number)[];
  /** Numeric range, for number facets. */
  min?: number;
  max?: number;
  unit?: string;
}

export interface RuleDef {
  /** Stable id used in `{kind:'rule', rule: id}`: e.g. lapsed_customer, vip. */
  id: string;
  label: string;
  description: string;
  synonyms: string[];
  /** The rule's meaning, in the segment model; may not reference other rules recursively. */
  definition: SegmentNode;
}

export interface DepartmentDef {
  name: string;
  categories: string[];
  synonyms?: string[];
}

export interface BrandDef {
  name: string;
  departments: string[];
  synonyms?: string[];
}

export interface EventTypeDef {
  name: string;
  label: string;
  synonyms: string[];
  /** True when events of this type carry a product_id. */
  about_product: boolean;
}

export interface ModelDef {
  name: string;
  label: string;
  description: string;
  /** Score scale: probability (0-1) or dollars. */
  scale: 'probability' | 'dollars';
  synonyms: string[];
}

export interface Catalog {
  tenant_id: string;
  /** Incremented on every change; caches and saved answers key on it. */
  version: number;
  /** The warehouse's as-of date when the catalog was read (YYYY-MM-DD). */
  as_of: string;
  facets: FacetDef[];
  rules: RuleDef[];
  departments: DepartmentDef[];
  brands: BrandDef[];
  event_types: EventTypeDef[];
  models: ModelDef[];
  /** Known product names are not listed (too many); product_id filters are checked by type only. */
  private_label_brand?: string;
  /** Words people use for a category, by exact category name ("nappies" -> Diapers). */
  category_synonyms?: Record<string, string[]>;
  /** The tenant's stores, for "bought at the Denver supercenter" and "whose home store is store 14". */
  stores?: StoreDef[];
}

/** A store of the tenant (read from the warehouse). */
export interface StoreDef {
  id: number;
  name: string;
  city: string;
  state: string;
  format: string;
}

/** What the caller may see; PII facets are refused without `pii`. */
export interface Permissions {
  pii: boolean;
}
