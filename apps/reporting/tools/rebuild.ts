/**
 * `npm run reporting:rebuild`: empties reporting's read models and replays every event of the ORDERS
 * and KOT streams into them, with a progress bar on stderr, then prints the count and the time.
 *
 * Uses the service's environment (DATABASE_URL, NATS_URL, NATS_NAMESPACE,
 * REPORTING_DEFAULT_PREP_MINUTES, DB_MIGRATE), with the local defaults of `npm start` when unset.
 * Safe while the service runs: each event is applied once, by the rebuild or by the live consumer
 * (they share the inbox). Options: --batch-size <n> events per transaction (default 256).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadEnv } from '@hub/config';
import { runServiceMigrations } from '@hub/persistence';
import { AppModule } from '../src/app.module';
import { ReportingEnv } from '../src/config/env.dto';
import { RebuildReadModelsUseCase } from '../src/projections/usecases/rebuild-read-models/rebuild-read-models.usecase';
import { ProgressBar } from './progress-bar';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string', default: '256' } } });
  const env = loadEnv(ReportingEnv, {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/orderhub',
    NATS_URL: 'nats://127.0.0.1:4222',
    LOG_LEVEL: 'warn',
    ...process.env,
    // the rebuild serves no API and verifies no token; the service's secret is not needed here
    AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET ?? 'unused-by-the-rebuild-unused-by-the-rebuild',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env), {
    logger: ['error', 'warn'],
  });
  try {
    if (env.DB_MIGRATE === 'true') await runServiceMigrations(app.get(DataSource));
    const bar = new ProgressBar('reporting:rebuild');
    let last = { done: 0, total: 0 };
    const result = await app.get(RebuildReadModelsUseCase).execute({
      batchSize: Number(values['batch-size']),
      onProgress: (progress) => {
        last = progress;
        bar.update(progress.done, progress.total);
      },
    });
    bar.finish(last.done, last.total);
    process.stdout.write(
      `rebuilt the reporting read models: ${result.read} events read in ${(result.milliseconds / 1000).toFixed(1)} s ` +
        `(${result.applied} applied, ${result.duplicates} duplicates skipped, ${result.ignored} ignored, ${result.invalid} invalid)\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`\nreporting:rebuild failed: ${error.message}\n`);
  process.exit(1);
});
