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
}
