#!/usr/bin/env node
// npm start: build what is missing, create the demo tenant if absent, then serve the API
// (and the web page) when it exists; otherwise say what to run next.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apiNodeFlags } from './api-node-options.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const node = process.execPath;
execFileSync(node, [path.join(root, 'scripts', 'ensure-build.mjs')], { stdio: 'inherit' });
execFileSync(node, [path.join(root, 'scripts', 'ensure-demo.mjs')], { stdio: 'inherit' });

const api = path.join(root, 'dist', 'apps', 'api', 'src', 'main.js');
if (fs.existsSync(api)) {
  const child = spawn(node, [...apiNodeFlags(), api], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const cli = 'npm run smartseg --';
  process.stdout.write(
    [
      'The demo tenant is ready. Try:',
      `  ${cli} ask "women 25-40 in California who bought baby products in the last 90 days but never used a coupon"`,
      `  ${cli} segment count examples/lapsed-vips-in-texas.segment.json`,
      `  ${cli} catalog list`,
      '',
    ].join('\n'),
  );
}
