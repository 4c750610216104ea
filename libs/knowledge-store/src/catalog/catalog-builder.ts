import type { Catalog, FacetDef, FacetValue } from '@smartseg/segment-engine';
import { OPERATORS_BY_TYPE, type CatalogDefinition, type CatalogFacts } from './catalog-definition.model';

/**
 * Joins what the tenant says (definition) with what its warehouse holds (facts) into the
 * catalog every other room reads. Values of enum and boolean facets come from the warehouse
 * with their counts; words for them come from the definition.
 */
export function buildCatalog(definition: CatalogDefinition, facts: CatalogFacts, version = 1): Catalog {
  const facets: FacetDef[] = definition.facets.map((f) => {
    const observed = facts.facetValues[f.name];
    const values: FacetValue[] | undefined = observed
      ? observed.map(({ value, count }) => {
          const words = f.valueWords?.[String(value)];
          const v: FacetValue = { value, count };
          if (words?.label) v.label = words.label;
          if (words?.synonyms?.length) v.synonyms = [...words.synonyms];
          return v;
        })
      : undefined;
    const range = facts.numericRanges[f.name];
    const def: FacetDef = {
      name: f.name,
      label: f.label,
      type: f.type,
      operators: f.operators ?? OPERATORS_BY_TYPE[f.type],
      source: f.source,
      description: f.description,
      pii: f.pii,
      synonyms: f.synonyms ?? [],
    };
    if (values) def.values = values;
    if (range) {
      def.min = range.min;
      def.max = range.max;
    }
    if (f.unit) def.unit = f.unit;
    if (f.order?.length) def.order = [...f.order];
    return def;
  });
  return {
    tenant_id: definition.tenant_id,
    version,
    as_of: facts.as_of,
    facets,
    rules: definition.rules,
    departments: facts.departments.map((d) => ({
      name: d.name,
      categories: d.categories,
      synonyms: definition.departmentWords[d.name] ?? [],
    })),
    brands: facts.brands.map((b) => ({
      name: b.name,
      departments: b.departments,
      synonyms: definition.brandWords[b.name] ?? [],
    })),
    event_types: definition.event_types,
    models: definition.models,
    ...(definition.private_label_brand ? { private_label_brand: definition.private_label_brand } : {}),
    ...(facts.stores?.length ? { stores: facts.stores.map((s) => ({ ...s })) } : {}),
    category_synonyms: Object.fromEntries(
      facts.departments
        .flatMap((d) => d.categories)
        .filter((c) => definition.categoryWords[c]?.length)
        .map((c) => [c, [...definition.categoryWords[c]!]]),
    ),
  };
}

/** Words for a category (the definition keys them by exact category name). */
export function categoryWords(definition: CatalogDefinition, category: string): string[] {
  return definition.categoryWords[category] ?? [];
}
