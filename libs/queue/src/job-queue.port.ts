/**
 * Work that can wait: typed jobs, each carrying the tenant id it runs for.
 * Adapters: in-process (default) and BullMQ (when REDIS_URL is set).
 */

export interface JobBase {
  /** The tenant the job runs for; the runner sets the tenant context from it. */
  tenantId: string;
  /** Who asked (API key id, 'admin', 'system'). */
  requestedBy: string;
  /** Roles the job runs with (default ['viewer']); 'pii' only when the requester held it. */
  roles?: ('admin' | 'editor' | 'viewer' | 'pii')[];
}

export interface JobPayloads {
  /** Export the ids of a saved segment's audience to a file under $SMARTSEG_HOME/exports/<tenant>/. */
  'export.ids': JobBase & { segmentId: string; version?: number; format: 'csv' | 'jsonl' };
  /** Run an evaluation set against the tenant. */
  'eval.run': JobBase & { evalSet: string };
  /** Consolidate conversation memory (recipes, corrections) for the tenant. */
  'memory.consolidate': JobBase & { conversationId?: string };
  /**
   * Tests only: sleeps `ms` in steps, then counts the tenant's customers. Its handler is registered
   * only by a worker started with SMARTSEG_TEST_JOBS=true (see apps/worker); anywhere else it fails.
   */
  'test.slow': JobBase & { ms: number };
}

export type JobName = keyof JobPayloads;
export const JOB_NAMES: readonly JobName[] = ['export.ids', 'eval.run', 'memory.consolidate', 'test.slow'];

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface JobInfo {
  id: string;
  name: JobName;
  tenantId: string;
  status: JobStatus;
  result?: unknown;
  error?: string;
  createdAt: string;
  finishedAt?: string;
  /** The worker process that ran it (BullMQ: the worker's name, `<pid>@<instance>`); absent in-process. */
  worker?: string;
}

export interface EnqueueOptions {
  /** Retries after the first attempt (default 2). */
  attempts?: number;
  delayMs?: number;
}

export abstract class JobQueue {
  abstract readonly kind: 'in-process' | 'bullmq';
  abstract enqueue<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions): Promise<{ id: string }>;
  /** A job of this tenant (undefined for another tenant's job: ids are not a capability). */
  abstract get(tenantId: string, id: string): Promise<JobInfo | undefined>;
  /** Waits until the queue has nothing running (tests, shutdown). */
  abstract drain(): Promise<void>;
  abstract close(): Promise<void>;
  /** Connectivity check for readiness probes. */
  abstract ping(): Promise<void>;
  /** The name this process consumes jobs under (a BullMQ worker), undefined otherwise. */
  get workerName(): string | undefined {
    return undefined;
  }
}

export function assertJobPayload(name: string, data: unknown): asserts data is JobBase {
  if (!(JOB_NAMES as readonly string[]).includes(name)) throw new Error(`Unknown job '${name}'`);
  const tenantId = (data as { tenantId?: unknown } | null)?.tenantId;
  if (typeof tenantId !== 'string' || tenantId.length === 0) throw new Error(`Job '${name}' must carry a tenantId`);
}
