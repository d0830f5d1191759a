import { createConnection } from 'node:net';
import { RAW_PRINT_PORT } from './constants/raw-print-port.constant';
import { PrintingException, PrintingExceptionCode } from './printing.exception';

export interface PrinterAddress {
  host: string;
  /** default 9100 */
  port?: number;
}

export interface SendPrintJobOptions {
  /** how long the printer has to accept the connection; default 3000 ms */
  connectTimeoutMs?: number;
  /** how long it has, once connected, to take every byte of the job; default 10000 ms */
  writeTimeoutMs?: number;
  /**
   * once every byte is sent and our side closed, how long to wait for the printer to close its
   * side; a printer that keeps the connection open is then let go and the job counts as sent.
   * Default 2000 ms.
   */
  closeTimeoutMs?: number;
}

/**
 * Sends one job's bytes to a network printer over raw TCP (port 9100) and closes the connection.
 * Resolves once every byte has been flushed to the connection and the connection has closed.
 * Rejects with a `PrintingException` naming the printer and what went wrong (refused, no answer
 * in time, stopped taking bytes, dropped the connection, …). It never retries: the job queue does.
 */
export function sendPrintJob(
  printer: PrinterAddress,
  job: Uint8Array,
  options: SendPrintJobOptions = {},
): Promise<void> {
  const port = printer.port ?? RAW_PRINT_PORT;
  const name = `${printer.host}:${port}`;
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;

  return new Promise<void>((resolve, reject) => {
    const socket = createConnection({ host: printer.host, port });
    let connected = false;
    let flushed = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;

    const bytesSent = (): number => Math.max(0, socket.bytesWritten - socket.writableLength);
    const fail = (code: PrintingExceptionCode, extra: { timeoutMs?: number; cause?: Error } = {}): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const progress = connected ? { bytesSent: bytesSent(), bytesTotal: job.byteLength } : {};
      reject(new PrintingException(code, { printer: name, ...progress, ...extra }));
    };
    const succeed = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const arm = (ms: number, onTimeout: () => void): void => {
      clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };

    arm(connectTimeoutMs, () => fail(PrintingExceptionCode.CONNECT_TIMEOUT, { timeoutMs: connectTimeoutMs }));

    socket.once('connect', () => {
      connected = true;
      arm(writeTimeoutMs, () => fail(PrintingExceptionCode.WRITE_TIMEOUT, { timeoutMs: writeTimeoutMs }));
      // write the job and half-close: the printer sees the end of the job
      socket.end(job);
    });
    socket.once('finish', () => {
      flushed = true;
      arm(closeTimeoutMs, succeed);
    });
    // status bytes a printer may send back are read and dropped, so its close can be seen
    socket.on('data', () => undefined);
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(errorCode(error, connected), { cause: error }),
    );
    socket.once('close', () => {
      if (flushed) succeed();
      else fail(PrintingExceptionCode.CONNECTION_LOST);
    });
  });
}

function errorCode(error: NodeJS.ErrnoException, connected: boolean): PrintingExceptionCode {
  switch (error.code) {
    case 'ECONNREFUSED':
      return PrintingExceptionCode.REFUSED;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return PrintingExceptionCode.UNREACHABLE;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return PrintingExceptionCode.HOST_NOT_FOUND;
    case 'ETIMEDOUT':
      return connected ? PrintingExceptionCode.WRITE_TIMEOUT : PrintingExceptionCode.CONNECT_TIMEOUT;
    case 'ECONNRESET':
    case 'EPIPE':
      return PrintingExceptionCode.CONNECTION_LOST;
    default:
      return PrintingExceptionCode.IO;
  }
}
