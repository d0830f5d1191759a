import { INestApplication, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { BaseEnv } from '@hub/config';
import { NatsLifecycle } from '@hub/messaging';
import { runServiceMigrations } from '@hub/persistence';
import { HttpErrorFilter } from './http-error.filter';

export interface ServiceDefinition {
  name: string;
  description: string;
  module: Type<unknown> | ReturnType<typeof Object>;
  env: BaseEnv;
  port: number;
  host?: string;
  /** the largest JSON body the service accepts (default 1 MiB); larger ones answer 413 */
  bodyLimit?: string;
  /** runs before the body parsers: routes that need the raw bytes (webhooks) mount their own parser here */
  configure?: (app: NestExpressApplication) => void;
}

/** The ValidationPipe every API uses: unknown fields refused, bodies turned into their DTO classes. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
}

/**
 * Creates, configures and starts one service: migrations (unless DB_MIGRATE=false), the JetStream
 * transport for its @EventPattern handlers, OpenAPI at /docs, graceful shutdown on SIGTERM.
 */
export async function startService(definition: ServiceDefinition): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(definition.module as Type<unknown>, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  definition.configure?.(app);
  app.useBodyParser('json', { limit: definition.bodyLimit ?? '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: definition.bodyLimit ?? '1mb' });
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  if (definition.env.DB_MIGRATE === 'true') {
    await runServiceMigrations(app.get(DataSource));
  }

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`order hub: ${definition.name}`)
      .setDescription(definition.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

  // Event handlers get no global pipes or guards: envelopes are validated by the transport against the contracts.
  app.connectMicroservice({ strategy: app.get(NatsLifecycle).createServer() }, { inheritAppConfig: false });
  await app.startAllMicroservices();
  await app.listen(definition.port, definition.host ?? '0.0.0.0');
  return app;
}

/** The address a started service answers on (for tests that listen on port 0). */
export async function serviceUrl(app: INestApplication): Promise<string> {
  const url = await app.getUrl();
  return url.replace('[::1]', '127.0.0.1').replace('[::]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
}

/** A graceful shutdown that takes longer than this is cut short: the process must end. */
const SHUTDOWN_DEADLINE_MS = 20_000;

/** Starts the service from main.ts; a failure to start is printed and stops the process. */
export function runService(definition: ServiceDefinition): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(
          `${definition.name}: graceful shutdown did not finish in ${SHUTDOWN_DEADLINE_MS} ms; exiting\n`,
        );
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
    });
  }
  startService(definition).catch((error: Error) => {
    process.stderr.write(`${definition.name} failed to start: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
