import type { Command } from 'commander';
import { CatalogFileStore } from '@smartseg/knowledge-store';
import type { Catalog } from '@smartseg/segment-engine';
import { printJson } from './print';

/** The catalog as a user may see it: PII facets withheld without the pii permission. */
export function visibleCatalog(catalog: Catalog, pii: boolean): Catalog {
  return pii ? catalog : { ...catalog, facets: catalog.facets.filter((f) => !f.pii) };
}

export function registerCatalogCommands(program: Command): void {
  const cat = program.command('catalog').description("the tenant's facets, rules and vocabulary");
  cat
    .command('list')
    .description('list facets (with values and counts), business rules, events and models')
    .option('--tenant <id>', 'tenant id', 'demo')
    .option('--json', 'machine-readable output')
    .option('--pii', 'include personal-data facets')
    .action((opts: { tenant: string; json?: boolean; pii?: boolean }) => {
      const catalog = visibleCatalog(new CatalogFileStore().load(opts.tenant), opts.pii === true);
      if (opts.json) return printJson(catalog);
      const out: string[] = [`catalog of "${catalog.tenant_id}" v${catalog.version} (as of ${catalog.as_of})`, '', 'facets:'];
      for (const f of catalog.facets) {
        const values = f.values
          ? ` = ${f.values
              .slice(0, 8)
              .map((v) => `${String(v.value)}${v.count !== undefined ? ` (${v.count})` : ''}`)
              .join(', ')}${f.values.length > 8 ? `, ... ${f.values.length} values` : ''}`
          : f.min !== undefined
            ? ` in [${f.min}, ${f.max}]`
            : '';
        out.push(`  ${f.name.padEnd(26)} ${f.type.padEnd(8)}${values}`);
      }
      out.push('', 'business rules:');
      for (const r of catalog.rules) out.push(`  ${r.id.padEnd(26)} ${r.description}`);
      out.push('', `departments: ${catalog.departments.map((d) => d.name).join(', ')}`);
      out.push(`event types: ${catalog.event_types.map((e) => e.name).join(', ')}`);
      out.push(`models: ${catalog.models.map((m) => m.name).join(', ')}`);
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
