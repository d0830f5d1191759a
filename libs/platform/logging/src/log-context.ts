import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';

export interface LogContext {
  correlationId: string;
  venueId?: string;
  [key: string]: unknown;
}

/**
 * Runs `fn` with a logger bound to the given context, so every line logged through PinoLogger or
 * Nest's Logger inside it (event handlers, outbox relays) carries the correlation and venue ids.
 */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  const parent = storage.getStore()?.logger ?? PinoLogger.root;
  if (!parent) {
    return fn();
  }
  return storage.run(new Store(parent.child(context)), fn);
}
