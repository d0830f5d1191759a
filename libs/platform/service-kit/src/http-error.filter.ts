import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/** The JSON error body of every HTTP API: `{ statusCode, error, message }`. */
export interface HttpErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

/**
 * Maps exceptions to `{statusCode, error, message}`. An unexpected error answers 500 without its
 * details (they are logged), except a lost database or bus connection, which answers 503 so callers retry.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(`${body.statusCode} ${(exception as Error)?.stack ?? String(exception)}`);
    }
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): HttpErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const message =
        typeof raw === 'string'
          ? raw
          : ((raw as { message?: string | string[] }).message ?? exception.message);
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
    }
    const parserError = bodyParserError(exception);
    if (parserError) return parserError;
    if (isUnavailable(exception)) {
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'storage is unavailable, retry later',
      };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'unexpected error' };
  }
}

/** body-parser's own errors (a body too large, not JSON) carry their HTTP status and a type. */
function bodyParserError(exception: unknown): HttpErrorBody | undefined {
  if (!exception || typeof exception !== 'object') return undefined;
  const { type, status, limit } = exception as { type?: unknown; status?: unknown; limit?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500)
    return undefined;
  const message =
    type === 'entity.too.large'
      ? `the body is larger than the ${String(limit)} bytes accepted`
      : type === 'entity.parse.failed'
        ? 'the body is not valid JSON'
        : `the body could not be read (${type})`;
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08006',
  '08001',
  '08003',
]);

/** A lost connection to Postgres or NATS, as opposed to a bug. */
export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|connection closed|CONNECTION_CLOSED/i.test(
      message,
    )
  );
}
