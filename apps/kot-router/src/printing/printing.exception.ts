export enum PrintingExceptionCode {
  /** nothing listens on the port: printer off, or another device on that address */
  REFUSED = 'REFUSED',
  /** no answer to the connection request in time: printer off the network, wrong address */
  CONNECT_TIMEOUT = 'CONNECT_TIMEOUT',
  /** the printer stopped taking bytes: paper out, cover open, buffer full */
  WRITE_TIMEOUT = 'WRITE_TIMEOUT',
  /** no route to the printer's address */
  UNREACHABLE = 'UNREACHABLE',
  /** the printer's host name does not resolve */
  HOST_NOT_FOUND = 'HOST_NOT_FOUND',
  /** the printer reset or closed the connection before it had the whole job */
  CONNECTION_LOST = 'CONNECTION_LOST',
  /** any other socket error */
  IO = 'IO',
}

export interface PrintingExceptionDetails {
  /** `host:port` of the printer */
  printer: string;
  timeoutMs?: number;
  bytesSent?: number;
  bytesTotal?: number;
  /** the socket error, when there was one */
  cause?: Error;
}

function describe(code: PrintingExceptionCode, details: PrintingExceptionDetails): string {
  const { printer } = details;
  const progress =
    details.bytesTotal === undefined
      ? ''
      : ` (${details.bytesSent ?? 0} of ${details.bytesTotal} bytes sent)`;
  const within = details.timeoutMs === undefined ? 'in time' : `within ${details.timeoutMs} ms`;
  switch (code) {
    case PrintingExceptionCode.REFUSED:
      return `printer ${printer} refused the connection`;
    case PrintingExceptionCode.CONNECT_TIMEOUT:
      return `printer ${printer} did not answer ${within}`;
    case PrintingExceptionCode.WRITE_TIMEOUT:
      return `printer ${printer} did not take the job ${within}${progress}`;
    case PrintingExceptionCode.UNREACHABLE:
      return `printer ${printer} is unreachable (no route to host)`;
    case PrintingExceptionCode.HOST_NOT_FOUND:
      return `printer ${printer}: host not found`;
    case PrintingExceptionCode.CONNECTION_LOST:
      return `printer ${printer} dropped the connection before the job was sent${progress}`;
    case PrintingExceptionCode.IO:
      return `printer ${printer}: ${details.cause?.message ?? 'socket error'}${progress}`;
  }
}

/** A print job that did not reach the printer. The job queue decides whether to retry. */
export class PrintingException extends Error {
  readonly code: PrintingExceptionCode;
  readonly printer: string;

  constructor(code: PrintingExceptionCode, details: PrintingExceptionDetails) {
    super(describe(code, details), details.cause ? { cause: details.cause } : undefined);
    this.name = 'PrintingException';
    this.code = code;
    this.printer = details.printer;
  }
}
