export * from './job-queue.port';
export * from './job-handlers';
export * from './job-runner';
export * from './in-process-job-queue';
export * from './redis-connection';
export type { BullMqJobQueue } from './bullmq-job-queue';
export * from './queue.module';
