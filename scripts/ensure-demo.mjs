#!/usr/bin/env node
// Generates the demo tenant (warehouse + catalog) when it is missing.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const home = path.resolve(process.env.SMARTSEG_HOME ?? path.join(process.cwd(), '.smartseg'));
const warehouse = path.join(home, 'warehouses', 'demo.duckdb');
const catalog = path.join(home, 'catalogs', 'demo.json');
if (!fs.existsSync(warehouse) || !fs.existsSync(catalog)) {
  process.stderr.write(`no demo tenant in ${home}: generating it (smartseg demo init)...\n`);
  execFileSync(process.execPath, [path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js'), 'demo', 'init'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
} else {
  // the demo catalog is built from the reference definition in code: when the code's definition is
  // newer than the catalog file (an upgrade), the catalog is rebuilt from the same warehouse
  const definition = path.join(
    root,
    'dist',
    'libs',
    'knowledge-store',
    'src',
    'reference-retail',
    'reference-retail.definition.js',
  );
  if (fs.existsSync(definition) && fs.statSync(definition).mtimeMs > fs.statSync(catalog).mtimeMs) {
    const { createRequire } = await import('node:module');
    const require = createRequire(path.join(root, 'package.json'));
    const { REFERENCE_RETAIL_DEFINITION, buildCatalog, CatalogFileStore } = require(
      path.join(root, 'dist', 'libs', 'knowledge-store', 'src', 'index.js'),
    );
    const { DuckDbConnection, readCatalogFacts } = require(
      path.join(root, 'dist', 'libs', 'warehouse', 'src', 'index.js'),
    );
    const conn = await DuckDbConnection.open({ path: warehouse, readOnly: true });
    try {
      const facts = await readCatalogFacts(conn);
      const saved = new CatalogFileStore({ SMARTSEG_HOME: home }).save(
        buildCatalog({ ...REFERENCE_RETAIL_DEFINITION, tenant_id: 'demo' }, facts),
      );
      process.stderr.write(`demo catalog rebuilt for the current definition (v${saved.version})\n`);
    } finally {
      await conn.close();
    }
  }
}

// Facts of an older version (an upgrade) are ignored by the compiler, which then reads the raw tables
// (same counts, slower): rebuild them once for the warehouse's as-of date.
if (fs.existsSync(warehouse)) {
  const { createRequire } = await import('node:module');
  const require = createRequire(path.join(root, 'package.json'));
  const { DuckDbConnection, readCustomerFactsInfo } = require(
    path.join(root, 'dist', 'libs', 'warehouse', 'src', 'index.js'),
  );
  const conn = await DuckDbConnection.open({ path: warehouse, readOnly: true });
  const current = await readCustomerFactsInfo(conn).finally(() => conn.close());
  if (!current) {
    process.stderr.write('the demo warehouse has no customer facts of this version: rebuilding them...\n');
    execFileSync(process.execPath, [path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js'), 'warehouse', 'facts'], {
      env: { ...process.env, SMARTSEG_HOME: home },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}
