import {
  Injectable,
  NestMiddleware,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** The largest CSV menu export taken (the JSON body limit of the service is the framework's 100 kB). */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** Reads a `text/csv` body into `req.body` as a string, for the CSV import route. */
@Injectable()
export class CsvBodyMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    if (request.method !== 'POST') return next();
    const type = request.headers['content-type'] ?? '';
    if (!/^text\/(csv|plain)\b/i.test(type)) {
      return next(new UnsupportedMediaTypeException('send the CSV export with content-type: text/csv'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CSV_BYTES && !failed) {
        failed = true;
        next(new PayloadTooLargeException(`a CSV menu may be at most ${MAX_CSV_BYTES} bytes`));
        return;
      }
      if (!failed) chunks.push(chunk);
    });
    request.on('end', () => {
      if (failed) return;
      request.body = Buffer.concat(chunks).toString('utf8');
      next();
    });
    request.on('error', (error) => {
      if (!failed) next(error);
    });
  }
}
