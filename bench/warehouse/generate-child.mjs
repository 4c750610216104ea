// Child process of bench-warehouse: generates one warehouse and reports time and peak RSS.
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(import.meta.url);
const { generateDemoWarehouse } = require(path.join(root, 'dist', 'libs', 'warehouse', 'src', 'index.js'));
const customers = Number(process.argv[2]);
const started = performance.now();
const { path: file, stats } = await generateDemoWarehouse({
  tenant: 'demo',
  customers,
  seed: 7,
  asOf: '2026-06-30',
  onProgress: (step, done, total) => {
    if (done === total) process.stderr.write(`    ${step} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  },
});
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({ file, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, stepMs: stats.stepMs }) + '\n',
);
