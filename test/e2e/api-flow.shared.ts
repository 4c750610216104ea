import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { stateOf, tierOf, tinyCounts } from './api-test-app';

/**
 * The API's main flow, shared by the suites that boot it on each store (embedded SQLite +
 * in-process jobs; PostgreSQL + Redis + a BullMQ worker process): a conversation from text, a
 * follow-up edit turn, save, a new version, count, breakdown, ids exported as CSV and JSON lines
 * by the queued export job, SQL. It asserts what must hold on any store and returns what must be
 * equal between stores (`comparable`) plus the export jobs as the API reports them.
 */

export interface FlowContext {
  app: NestFastifyApplication;
  /** SMARTSEG_HOME shared by the API and whatever runs the jobs (the export files land there). */
  home: string;
  /** Keys of the tenant seeded with `seedTenant(t, tenant, 1, n, ...)`. */
  keys: { editor: string; viewer: string };
  n: number;
  /** Longest wait for one export job (default 60 s). */
  jobTimeoutMs?: number;
}

export interface FlowJob {
  id: string;
  status: string;
  result?: { file: string; rows: number };
  error?: string;
  /** Who ran it: BullMQ's worker name (`<pid>@<instance>`); absent for in-process jobs. */
  worker?: string;
}

export interface FlowResult {
  comparable: {
    conversation: { status: string; skill: string; count: number; segment: unknown };
    edit: { skill: string; count: number; segment: unknown };
    history: [number, string][];
    versions: number[];
    count: number;
    breakdown: { value: string; count: number }[];
    csvIds: number[];
    jsonlIds: number[];
    sql: { postgres: string; duckdb: string };
  };
  jobs: { csv: FlowJob; jsonl: FlowJob };
}

/** Ids (first id 1) of the tiny warehouse's customers for which `pred(i)` holds. */
export function tinyIds(n: number, pred: (i: number) => boolean): number[] {
  return Array.from({ length: n }, (_, i) => i).flatMap((i) => (pred(i) ? [i + 1] : []));
}

export async function waitForJob(ctx: FlowContext, jobId: string): Promise<FlowJob> {
  const until = Date.now() + (ctx.jobTimeoutMs ?? 60_000);
  let info: FlowJob = { id: jobId, status: 'queued' };
  while (info.status !== 'completed' && info.status !== 'failed' && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/jobs/${jobId}`,
      headers: { 'x-api-key': ctx.keys.viewer },
    });
    expect(res.statusCode).toBe(200);
    info = res.json<FlowJob>();
  }
  return info;
}

export async function runApiFlow(ctx: FlowContext): Promise<FlowResult> {
  const { app, n } = ctx;
  const editor = { 'x-api-key': ctx.keys.editor };
  const viewer = { 'x-api-key': ctx.keys.viewer };

  // 1. a conversation from text
  const conv = await app.inject({
    method: 'POST',
    url: '/v1/conversations',
    headers: editor,
    payload: { text: 'platinum members in Texas' },
  });
  expect(conv.statusCode).toBe(201);
  const c = conv.json();
  expect(c).toMatchObject({ status: 'segment', skill: 'create_segment', turn: 1 });
  expect(c.count).toBe(tinyCounts(n, (i) => stateOf(i) === 'TX' && tierOf(i) === 'platinum'));

  // 2. a follow-up edit turn: the whole new segment comes back, counted
  const edit = await app.inject({
    method: 'POST',
    url: `/v1/conversations/${c.conversation_id}/turns`,
    headers: editor,
    payload: { text: 'only gold members' },
  });
  expect(edit.statusCode).toBe(200);
  const e = edit.json();
  expect(e).toMatchObject({ status: 'segment', skill: 'edit_segment' });
  expect(JSON.stringify(e.segment)).toContain('gold');
  const recount = await app.inject({
    method: 'POST',
    url: '/v1/segments/count',
    headers: viewer,
    payload: { segment: e.segment },
  });
  expect(recount.json().count).toBe(e.count);
  const hist = await app.inject({ method: 'GET', url: `/v1/conversations/${c.conversation_id}`, headers: viewer });
  expect(hist.statusCode).toBe(200);
  const history = hist.json().turns.map((x: { turn: number; skill: string }) => [x.turn, x.skill]);
  expect(history).toEqual([
    [1, 'create_segment'],
    [2, 'edit_segment'],
  ]);
  // "undo that" goes back to the segment before the last edit (the turns' history reaches the engine)
  const undo = await app.inject({
    method: 'POST',
    url: `/v1/conversations/${c.conversation_id}/turns`,
    headers: editor,
    payload: { text: 'undo that' },
  });
  expect(undo.statusCode).toBe(200);
  expect(undo.json()).toMatchObject({ status: 'segment', skill: 'edit_segment', count: c.count });
  expect(undo.json().segment.where).toEqual(c.segment.where);

  // 3. save the edited segment, then 4. a new version of it
  const saved = await app.inject({
    method: 'POST',
    url: '/v1/segments',
    headers: editor,
    payload: { name: 'Shared flow', segment: e.segment },
  });
  expect(saved.statusCode).toBe(201);
  const id: string = saved.json().id;
  const updated = await app.inject({
    method: 'PUT',
    url: `/v1/segments/${id}`,
    headers: editor,
    payload: {
      segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'in', values: ['CA', 'NY'] } },
    },
  });
  expect(updated.statusCode).toBe(200);
  const v1 = await app.inject({ method: 'GET', url: `/v1/segments/${id}?version=1`, headers: viewer });
  expect(v1.json().segment).toEqual(e.segment);
  const versions = [saved.json().version, updated.json().version];
  expect(versions).toEqual([1, 2]);

  // 5. count and 6. breakdown of the latest version
  const inCaNy = (i: number) => stateOf(i) === 'CA' || stateOf(i) === 'NY';
  const count = await app.inject({ method: 'GET', url: `/v1/segments/${id}/count`, headers: viewer });
  expect(count.statusCode).toBe(200);
  expect(count.json().count).toBe(tinyCounts(n, inCaNy));
  const bd = await app.inject({ method: 'GET', url: `/v1/segments/${id}/breakdown?facet=state`, headers: viewer });
  expect(bd.statusCode).toBe(200);
  const breakdown = (bd.json().rows as { value: string; count: number }[])
    .filter((r) => r.count > 0)
    .map((r) => ({ value: r.value, count: r.count }))
    .sort((a, b) => a.value.localeCompare(b.value));
  expect(breakdown).toEqual([
    { value: 'CA', count: tinyCounts(n, (i) => stateOf(i) === 'CA') },
    { value: 'NY', count: tinyCounts(n, (i) => stateOf(i) === 'NY') },
  ]);

  // 7. ids exported by the queued export job, as CSV then JSON lines
  const expectedIds = tinyIds(n, inCaNy);
  const exportJob = async (format: 'csv' | 'jsonl'): Promise<{ job: FlowJob; ids: number[] }> => {
    const queued = await app.inject({
      method: 'POST',
      url: `/v1/segments/${id}/exports`,
      headers: viewer,
      payload: { format },
    });
    expect(queued.statusCode).toBe(202);
    const job = await waitForJob(ctx, queued.json().job_id);
    expect([format, job.status, job.error]).toEqual([format, 'completed', undefined]);
    expect(job.result?.rows).toBe(expectedIds.length);
    const file = path.join(ctx.home, job.result!.file);
    expect(path.dirname(file)).toBe(path.join(ctx.home, 'exports', 'shared'));
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const ids =
      format === 'csv'
        ? (expect(lines[0]).toBe('customer_id'), lines.slice(1).map(Number))
        : lines.map((l) => (JSON.parse(l) as { customer_id: number }).customer_id);
    expect([...ids].sort((a, b) => a - b)).toEqual(expectedIds);
    return { job, ids: [...ids].sort((a, b) => a - b) };
  };
  const csv = await exportJob('csv');
  const jsonl = await exportJob('jsonl');
  // the job's file holds what the synchronous export streams
  const direct = await app.inject({ method: 'GET', url: `/v1/segments/${id}/export?format=csv`, headers: viewer });
  expect(direct.statusCode).toBe(200);
  expect(
    direct.body
      .trim()
      .split('\n')
      .slice(1)
      .map(Number)
      .sort((a, b) => a - b),
  ).toEqual(csv.ids);

  // 8. the SQL of the saved segment
  const sql = { postgres: '', duckdb: '' };
  for (const dialect of ['postgres', 'duckdb'] as const) {
    const res = await app.inject({ method: 'GET', url: `/v1/segments/${id}/sql?dialect=${dialect}`, headers: viewer });
    expect(res.statusCode).toBe(200);
    expect(res.json().sql).toMatch(/SELECT/);
    sql[dialect] = res.json().sql;
  }

  return {
    comparable: {
      conversation: { status: c.status, skill: c.skill, count: c.count, segment: c.segment },
      edit: { skill: e.skill, count: e.count, segment: e.segment },
      history,
      versions,
      count: count.json().count,
      breakdown,
      csvIds: csv.ids,
      jsonlIds: jsonl.ids,
      sql,
    },
    jobs: { csv: csv.job, jsonl: jsonl.job },
  };
}

/** The tenant the shared flow runs for (its exports land in exports/shared/). */
export const FLOW_TENANT = 'shared';

export const WORKER_MAIN = path.resolve(__dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js');

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** The BullMQ worker name it logged (`<pid>@<instance>`), stored on every job it runs. */
  name: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGKILL: no shutdown hooks, its jobs stay locked until the lock expires. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/**
 * Spawns apps/worker from dist (build first: `node scripts/ensure-build.mjs`) with `env` over
 * this process's environment, and waits until it consumes.
 */
export async function spawnWorker(env: Record<string, string>, readyMs = 60_000): Promise<WorkerProcess> {
  if (!fs.existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run "node scripts/ensure-build.mjs"`);
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { ...process.env, LOG_LEVEL: 'log', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
  const name = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`the worker did not start within ${readyMs} ms:\n${out}`));
    }, readyMs);
    const onData = () => {
      const m = /Worker (\S+) consuming jobs/.exec(out);
      if (m) {
        cleanup();
        resolve(m[1]!);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the worker exited (${code}) before consuming:\n${out}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    child,
    pid: child.pid!,
    name,
    output: () => out,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}
