import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/** Paths pino removes from every line: credentials and customer PII. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-shopify-hmac-sha256"]',
  'req.headers["idempotency-key"]',
  '*.secret',
  '*.password',
  '*.token',
  '*.customer',
  '*.phone',
  '*.email',
  'customer',
  'order.customer',
  'payload.order.customer',
];

export const CORRELATION_HEADER = 'x-correlation-id';

/** Tokens in a query string (the KDS page may be opened with ?token=) never reach the logs. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]');
}

export interface LoggingOptions {
  service: string;
  level: string;
  format: string;
}

/** nestjs-pino with the house settings: JSON lines, service name, correlation id, redaction. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.service },
            redact: { paths: REDACT_PATHS, censor: '[redacted]' },
            transport:
              options.format === 'pretty'
                ? { target: 'pino-pretty', options: { singleLine: true } }
                : undefined,
            genReqId: (req: IncomingMessage) => {
              const given = req.headers[CORRELATION_HEADER];
              return typeof given === 'string' && given.length <= 200 ? given : randomUUID();
            },
            customProps: (req: IncomingMessage) => ({
              correlationId: (req as IncomingMessage & { id?: string }).id,
            }),
            autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: redactUrl(req.url),
              }),
            },
          },
        }),
      ],
    };
  }
}
