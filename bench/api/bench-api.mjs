#!/usr/bin/env node
// bench/api: autocannon on loopback against the built API on the embedded default.
// Prints requests/s and p95 for create-from-text (POST /v1/conversations) and for count
// (POST /v1/segments/count), the API's RSS under load, and a baseline in the same run:
// GET /v1/me (key check, tenant context, throttler; no work: the framework's floor here).
// Create-from-text runs at two loads, each on a freshly started API and each of the same 690
// requests (the dev split's 345 texts in order, every text and count new to the API, then the same
// texts again, answered from its caches):
// one connection (one marketer after another), 10 connections as fast as they go (saturation: capacity,
// where latency is mostly the queue), and requests arriving evenly at half that capacity (busy, not overrun).
// Also the API's CPU time per request of each route (user + system, DuckDB's threads included),
// less sensitive than latency to other jobs on a shared machine, and the load average.
//   npm run bench:api [-- --seconds 10 --connections 10]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { apiNodeFlags } from '../../scripts/api-node-options.mjs';

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

let api;
function startApi() {
  api = spawn(process.execPath, [...apiNodeFlags(), path.join(root, 'dist', 'apps', 'api', 'src', 'main.js')], {
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
  return waitReady();
}
async function stopApi() {
  if (!api || api.exitCode !== null) return;
  const exited = new Promise((r) => api.once('exit', r));
  api.kill('SIGTERM');
  await exited;
}
process.on('exit', () => api?.kill('SIGTERM'));

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

const key = fs.readFileSync(path.join(home, 'demo-key.txt'), 'utf8').trim();
const headers = { 'x-api-key': key, 'content-type': 'application/json' };
/** Create-from-text at a fixed arrival rate (open loop, at most `connections` in flight). */
async function paced(title, rate) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const cpu0 = cpuMs();
  const times = [];
  const codes = new Map();
  const started = performance.now();
  const n = 2 * texts.length;
  const send = (i) =>
    new Promise((resolve) => {
      const due = started + (i * 1000) / rate;
      const body = JSON.stringify({ text: texts[i % texts.length] });
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/conversations',
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            times.push(performance.now() - due);
            codes.set(res.statusCode, (codes.get(res.statusCode) ?? 0) + 1);
            resolve();
          });
        },
      );
      req.on('error', () => {
        codes.set('error', (codes.get('error') ?? 0) + 1);
        resolve();
      });
      req.end(body);
    });
  const inflight = [];
  for (let i = 0; i < n; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(i));
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  const p = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? NaN;
  return {
    title,
    rps: times.length / elapsed,
    p50: p(0.5),
    p95: p(0.95),
    cpu: (cpuMs() - cpu0) / Math.max(1, times.length),
    codes: Object.fromEntries(codes),
    n: times.length,
  };
}

const createFromText = () => {
  let i = 0;
  return {
    method: 'POST',
    path: '/v1/conversations',
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ text: texts[i++ % texts.length] }) }) }],
    amount: 2 * texts.length,
  };
};
/** What the API holds after a run: RSS, peak, and V8's heap from its own /metrics (the rest: DuckDB, native, code). */
async function memory() {
  const mem = rssMb();
  const metrics = await fetch(`http://127.0.0.1:${port}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  const metric = (name) => Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(metrics)?.[1] ?? NaN) / 2 ** 20;
  return { ...mem, heap: metric('nodejs_heap_size_total_bytes') };
}

const loadBefore = load();
const results = [];
const mems = [];
await startApi();
results.push(await run('baseline GET /v1/me (auth, no work)', { method: 'GET', path: '/v1/me', headers }));
await stopApi();
await startApi();
results.push(await run('create from text, 1 connection', { ...createFromText(), connections: 1 }));
mems.push(await memory());
await stopApi();
await startApi();
const saturated = await run(`create from text, ${connections} connections, saturated`, createFromText());
results.push(saturated);
mems.push(await memory());
await stopApi();
// The same requests offered at half the throughput just measured, evenly spaced (one every 2 / capacity
// seconds, on at most `connections` sockets): the latency a user sees while the API is busy but not overrun
// (at saturation, p95 is the queue: connections / throughput). Latency counts from each request's scheduled
// time, so a request that waits for a free socket is charged for the wait.
const halfRate = Math.max(1, Math.round(saturated.rps / 2));
await startApi();
results.push(await paced(`create from text, ${halfRate} req/s evenly (half)`, halfRate));
mems.push(await memory());
results.push(
  await run(`POST /v1/segments/count, ${connections} connections`, {
    method: 'POST',
    path: '/v1/segments/count',
    headers,
    body: JSON.stringify({ segment }),
  }),
);
mems.push(await memory());
const mem = mems.reduce((a, b) => (b.rss > a.rss ? b : a));
const loadAfter = load();
await stopApi();

console.log(
  `bench/api: ${seconds} s per run (create from text: ${2 * texts.length} requests, ${texts.length} texts twice, on a fresh API), API on 127.0.0.1:${port}, data ${home}`,
);
console.log(`  load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter} on ${os.cpus().length} cores`);
for (const r of results) {
  console.log(
    `  ${r.title.padEnd(50)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  cpu ${r.cpu.toFixed(2).padStart(5)} ms/req  statuses ${JSON.stringify(r.codes)}`,
  );
}
console.log(
  `  API RSS after load (the largest of the runs): ${mem.rss.toFixed(0)} MB (peak ${mem.peak.toFixed(0)} MB)   (goal < 300 MB); V8 heap ${mem.heap.toFixed(0)} MB, the rest (DuckDB, native, code) ${(mem.rss - mem.heap).toFixed(0)} MB`,
);
console.log(
  `  goal: create-from-text p95 < 50 ms (1 connection, and at half capacity; saturated p95 is the queue, about connections / throughput); baseline p95 ${results[0].p95.toFixed(1)} ms is the framework's floor here`,
);
process.exit(0);
