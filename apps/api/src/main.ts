import 'reflect-metadata';
import { getHeapStatistics } from 'node:v8';
import { Logger } from '@nestjs/common';
import { SmartsegError } from '@smartseg/common/server';
import { loadAppConfig, type AppConfig } from '@smartseg/common/server';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadAppConfig(process.env);
  } catch (e) {
    // A bad setting stops the start with a message naming the variable.
    process.stderr.write(`${e instanceof SmartsegError ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const app = await createApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
  new Logger('Main').log(
    `Smart-Segmentation API on http://${config.HOST}:${config.PORT} (data home ${config.SMARTSEG_HOME}, ${config.DATABASE_URL ? 'PostgreSQL' : 'embedded SQLite'}, ${config.REDIS_URL ? 'Redis' : 'in-process'} queue, V8 heap limit ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB)`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(
    `Smart-Segmentation API failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
