#!/usr/bin/env node
// Builds the TypeScript sources into dist/ when anything is newer than the last build
// (or always with --force; tsc is incremental, so an up-to-date tree costs little).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stamp = path.join(root, 'dist', '.tsbuildinfo');
const force = process.argv.includes('--force');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

// The web page (apps/web, Vite): rebuilt when its sources are newer than its dist.
function buildWeb() {
  const web = path.join(root, 'apps', 'web');
  const config = path.join(web, 'vite.config.ts');
  if (!fs.existsSync(config)) return;
  const out = path.join(web, 'dist', 'index.html');
  const newest = Math.max(newestWebSource(path.join(web, 'src')), fs.statSync(path.join(web, 'index.html')).mtimeMs, fs.statSync(config).mtimeMs);
  if (!force && fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) return;
  process.stderr.write('building the web page (vite)...\n');
  execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', config, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

function newestWebSource(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestWebSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const sources = Math.max(newestSource(path.join(root, 'apps')), newestSource(path.join(root, 'libs')));
if (force || built < sources) {
  process.stderr.write('building (tsc)...\n');
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  try {
    execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
    execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  } catch (e) {
    // tsc writes its build info even when it fails: drop it so that the next run builds again
    fs.rmSync(stamp, { force: true });
    throw e;
  }
  fs.utimesSync(stamp, new Date(), new Date());
}
buildWeb();
