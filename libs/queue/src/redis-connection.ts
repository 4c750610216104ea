import { randomBytes } from 'node:crypto';
import type { ConnectionOptions } from 'bullmq';

// What the API, the worker and the tests need of BullMQ without loading it: the queue's name, the
// connection read from REDIS_URL, the worker's settings and name. bullmq itself is loaded only when a
// queue on Redis is made (queue.module.ts), so the embedded default does not carry it.

export const BULLMQ_QUEUE_NAME = 'smartseg-jobs';

/** Parses redis[s]://[user:pass@]host:port[/db] into BullMQ connection options. */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** How a BullMQ worker consumes (apps/worker); defaults are BullMQ's. */
export interface BullMqWorkerOptions {
  concurrency?: number;
  /** A running job's lock, in ms: after it expires (the worker died) another worker takes the job over. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs, in ms. */
  stalledIntervalMs?: number;
  /** Times a stalled job is put back to run before it is failed. */
  maxStalledCount?: number;
}

/** This process's worker name, stored on every job it runs: `<pid>@<random instance id>`. */
export function workerName(pid = process.pid): string {
  return `${pid}@${randomBytes(4).toString('hex')}`;
}
