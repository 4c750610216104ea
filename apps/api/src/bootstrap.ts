import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '@smartseg/common/server';
import { AppModule } from './app.module';
import { resolveSecrets } from './secrets';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(level: string): LogLevel[] {
  const i = LEVELS.indexOf(level as LogLevel);
  return LEVELS.slice(0, i < 0 ? 4 : i + 1);
}

export function fastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, trustProxy: false, return503OnClosing: true });
}

/** What every app instance gets, in main.ts and in tests: CORS from config, shutdown hooks. */
export function configureApp(app: NestFastifyApplication, config: AppConfig): void {
  app.enableCors(
    config.CORS_ORIGINS.length > 0
      ? {
          origin: config.CORS_ORIGINS,
          methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
          allowedHeaders: ['content-type', 'x-api-key', 'authorization', 'accept'],
          exposedHeaders: ['retry-after', 'content-disposition'],
          maxAge: 600,
        }
      : { origin: false },
  );
  app.enableShutdownHooks();
}

export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Smart-Segmentation API')
    .setDescription(
      'Natural-language customer segmentation: words to a verified, counted, explained segment. Every error is {code, message, details}.',
    )
    .setVersion('0.1.0')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'x-api-key',
        description: 'Tenant API key (or Authorization: Bearer <key>)',
      },
      'api-key',
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Admin key (ADMIN_API_KEY)' },
      'admin-key',
    )
    .build();
  return SwaggerModule.createDocument(app, doc);
}

/** Builds the API for a validated config (secrets resolved here on the embedded default). */
export async function createApp(
  config: AppConfig,
  options: { skillsDir?: string; logger?: false } = {},
): Promise<NestFastifyApplication> {
  const notes = resolveSecrets(config);
  for (const n of notes) new Logger('Secrets').log(n);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.skillsDir ? { skillsDir: options.skillsDir } : {}),
    fastifyAdapter(config),
    {
      logger: options.logger === false ? false : logLevels(config.LOG_LEVEL),
      bufferLogs: false,
    },
  );
  configureApp(app, config);
  return app;
}
