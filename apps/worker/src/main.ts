import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SmartsegError } from '@smartseg/common/server';
import { JobHandlers, JobQueue } from '@smartseg/queue';
import { loadAppConfig, type AppConfig } from '@smartseg/common/server';
import { logLevels } from '../../api/src/bootstrap';
import { resolveSecrets } from '../../api/src/secrets';
import { testJobsEnabled, WorkerModule } from './worker.module';

async function main(): Promise<void> {
  let config: AppConfig;
  let testJobs: boolean;
  try {
    config = loadAppConfig(process.env);
    testJobs = testJobsEnabled(process.env);
  } catch (e) {
    process.stderr.write(`${e instanceof SmartsegError || e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  resolveSecrets(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { testJobs }), {
    logger: logLevels(config.LOG_LEVEL),
  });
  app.enableShutdownHooks();
  const logger = new Logger('Worker');
  if (!config.REDIS_URL) {
    logger.warn('REDIS_URL is not set: jobs run inside the API process; this worker has nothing to consume and exits.');
    await app.close();
    return;
  }
  const queue = app.get(JobQueue);
  const name = queue.workerName;
  logger.log(
    `Worker ${name ?? process.pid} consuming jobs (${app.get(JobHandlers).names().join(', ')}) from ${new URL(config.REDIS_URL).host}` +
      ` (concurrency ${config.QUEUE_CONCURRENCY}, lock ${config.QUEUE_LOCK_DURATION_MS} ms, stalled check every ${config.QUEUE_STALLED_INTERVAL_MS} ms)`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(
    `Smart-Segmentation worker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
