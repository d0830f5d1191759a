import type { NestExpressApplication } from '@nestjs/platform-express';
import { raw } from 'express';
import type { IntakeEnv } from '../config/env.dto';
import { WEBHOOKS_PATH } from './webhooks.controller';

/**
 * Webhooks are verified over the exact bytes the platform signed: their bodies stay raw Buffers,
 * whatever the content type, up to WEBHOOK_MAX_BYTES (413 beyond). Mounted before the JSON parser.
 */
export function rawWebhookBodies(env: IntakeEnv): (app: NestExpressApplication) => void {
  return (app) => app.use(WEBHOOKS_PATH, raw({ type: () => true, limit: env.WEBHOOK_MAX_BYTES }));
}
