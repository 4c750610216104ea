#!/usr/bin/env node
// bench/api: autocannon on loopback against the built API on the embedded default.
// Prints requests/s and p95 for create-from-text (POST /v1/conversations) and for count
// (POST /v1/segments/count), the API's RSS under load, and a baseline in the same run:
// GET /v1/me (key check, tenant context, throttler; no work: the framework's floor here).
// Also the API's CPU time per request of each route (user + system, DuckDB's threads included),
// less sensitive than latency to other jobs on a shared machine, and the load average.
//   npm run bench:api [-- --seconds 10 --connections 10]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const argv = process.argv.slice(2);
const opt = (name, def) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : def);
const seconds = opt('--seconds', 10);
const connections = opt('--connections', 10);
const port = opt('--port', 3999);
const home = path.resolve(process.env.SMARTSEG_HOME ?? path.join(process.cwd(), '.smartseg'));

const texts = fs
  .readFileSync(path.join(root, 'evals', 'cases', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l))
  .filter((c) => c.text)
  .map((c) => c.text);
const segment = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'lapsed-vips-in-texas.segment.json'), 'utf8'));

const api = spawn(process.execPath, [path.join(root, 'dist', 'apps', 'api', 'src', 'main.js')], {
  env: {
    ...process.env,
    SMARTSEG_HOME: home,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_KEY: '100000000',
    RATE_LIMIT_PER_TENANT: '100000000',
    RATE_LIMIT_ANONYMOUS: '100000000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => api.kill('SIGTERM');
process.on('exit', stop);

async function waitReady() {
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health/live`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('API did not start');
}

function rssMb() {
  const status = fs.readFileSync(`/proc/${api.pid}/status`, 'utf8');
  const get = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: get('VmRSS'), peak: get('VmHWM') };
}

/** The API process's CPU time so far, in ms (utime + stime from /proc). */
function cpuMs() {
  const fields = fs.readFileSync(`/proc/${api.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function run(title, opts) {
  const cpu0 = cpuMs();
  return new Promise((resolve, reject) => {
    const times = [];
    const codes = new Map();
    const { path: route, ...rest } = opts;
    const inst = autocannon(
      { url: `http://127.0.0.1:${port}${route}`, connections, duration: seconds, ...rest },
      (err, res) => {
        if (err) return reject(err);
        times.sort((a, b) => a - b);
        const p = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? NaN;
        const cpu = (cpuMs() - cpu0) / Math.max(1, times.length);
        resolve({
          title,
          rps: res.requests.average,
          p50: p(0.5),
          p95: p(0.95),
          cpu,
          codes: Object.fromEntries(codes),
          n: times.length,
        });
      },
    );
    inst.on('response', (_client, status, _bytes, ms) => {
      times.push(ms);
      codes.set(status, (codes.get(status) ?? 0) + 1);
    });
  });
}

await waitReady();
const loadBefore = load();
const key = fs.readFileSync(path.join(home, 'demo-key.txt'), 'utf8').trim();
const headers = { 'x-api-key': key, 'content-type': 'application/json' };
let i = 0;
const results = [];
results.push(await run('baseline GET /v1/me (auth, no work)', { method: 'GET', path: '/v1/me', headers }));
results.push(
  await run('POST /v1/conversations (create from text)', {
    method: 'POST',
    path: '/v1/conversations',
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ text: texts[i++ % texts.length] }) }) }],
  }),
);
results.push(
  await run('POST /v1/segments/count', {
    method: 'POST',
    path: '/v1/segments/count',
    headers,
    body: JSON.stringify({ segment }),
  }),
);
const mem = rssMb();
const loadAfter = load();
stop();

console.log(`bench/api: ${connections} connections x ${seconds} s per route, API on 127.0.0.1:${port}, data ${home}`);
console.log(`  load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter} on ${os.cpus().length} cores`);
for (const r of results) {
  console.log(
    `  ${r.title.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  cpu ${r.cpu.toFixed(2).padStart(5)} ms/req  statuses ${JSON.stringify(r.codes)}`,
  );
}
console.log(`  API RSS after load: ${mem.rss.toFixed(0)} MB (peak ${mem.peak.toFixed(0)} MB)   (goal < 300 MB)`);
console.log(
  `  goal: create-from-text p95 < 50 ms; baseline p95 ${results[0].p95.toFixed(1)} ms is the framework's floor here`,
);
process.exit(0);
