import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool, PoolClient, PoolConfig } from 'pg';
import type { Server } from 'socket.io';
import { KITCHEN_NAMESPACE } from '@hub/contracts';

/** Injection token of the socket adapter's settings. */
export const KITCHEN_SOCKET_SETTINGS = Symbol('KITCHEN_SOCKET_SETTINGS');

export interface KitchenSocketSettings {
  /** `postgres`: rooms shared by every replica on the database; `memory`: this process only */
  adapter: 'postgres' | 'memory';
  databaseUrl: string;
  /** the NATS namespace, also kept apart on the notification channels (empty in production) */
  namespace: string;
}

/**
 * The table for packets over NOTIFY's 8000-byte limit, created by migration
 * 1763925000000-CreateSocketIoAttachments (never at run time).
 */
export const SOCKET_IO_ATTACHMENTS_TABLE = 'kot.socket_io_attachments';

/** Connections of the adapter's own pool: one held for LISTEN, the rest for NOTIFY and attachments. */
const ADAPTER_POOL_SIZE = 4;

type ConnectCallback = (
  error: Error | undefined,
  client: PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * The adapter's pool. The adapter takes one connection with `connect()` for its LISTEN and keeps it
 * until the socket server closes; everything else goes through `query()`. It sets that connection
 * up asynchronously, so one still being set up when the server closes is kept after the adapter's
 * close and would hold `end()` open for good: `close()` hands such a connection back itself, and a
 * `connect()` after it never answers (an error would make the adapter retry every 1 to 3 s).
 */
class AdapterPool extends Pool {
  private closing = false;
  private readonly listening = new Set<PoolClient>();

  constructor(config: PoolConfig) {
    super(config);
    this.on('release', (_error, client) => this.listening.delete(client));
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    if (callback) return super.connect(callback); // query()
    const never = () => new Promise<PoolClient>(() => undefined);
    if (this.closing) return never();
    return super.connect().then((client) => {
      if (!this.closing) {
        this.listening.add(client);
        return client;
      }
      client.release();
      return never();
    });
  }

  get isClosing(): boolean {
    return this.closing;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const client of this.listening) {
      client.removeAllListeners('end'); // the adapter reconnects when its LISTEN connection ends
      client.release();
    }
    this.listening.clear();
    await this.end();
  }
}

/**
 * Shares the kitchen screens' rooms between kot-router replicas through Postgres LISTEN/NOTIFY
 * (@socket.io/postgres-adapter): a ticket routed on one replica reaches the station's screens on
 * every replica, their acknowledgements come back to the emitter, and `socket.to(room)` reaches the
 * other screens wherever they are connected. NOTIFY is delivered within one database, so each
 * deployment (and each test suite, which has its own database) is a cluster of its own.
 *
 * It owns its pool (apart from TypeORM's, as one connection stays in LISTEN) and ends it on shutdown,
 * after socket.io has closed the adapters (Nest closes the socket servers before the shutdown hooks).
 */
@Injectable()
export class KitchenSocketAdapter implements OnApplicationShutdown {
  private readonly logger = new Logger(KitchenSocketAdapter.name);
  private pool?: AdapterPool;
  private server?: Server;

  constructor(@Inject(KITCHEN_SOCKET_SETTINGS) private readonly settings: KitchenSocketSettings) {}

  /** Called by the gateway once its namespace exists, before any screen connects. */
  attach(server: Server): void {
    this.server = server;
    if (this.settings.adapter !== 'postgres' || this.pool) return;
    const pool = new AdapterPool({
      connectionString: this.settings.databaseUrl,
      max: ADAPTER_POOL_SIZE,
      application_name: 'kot-router-socket-adapter',
      connectionTimeoutMillis: 5000,
      // its few connections stay open (no idle timeout) and end with the pool at shutdown
      idleTimeoutMillis: 0,
    });
    // a dropped connection must not end the process: the adapter reconnects its LISTEN by itself
    const warn = (error: Error) => {
      if (!pool.isClosing) this.logger.warn(`socket adapter: ${error.message}`);
    };
    pool.on('error', warn);
    pool.on('connect', (client) => client.on('error', warn));
    this.pool = pool;
    server.adapter(
      createAdapter(pool, {
        channelPrefix: this.settings.namespace ? `kot-router.${this.settings.namespace}` : 'kot-router',
        tableName: SOCKET_IO_ATTACHMENTS_TABLE,
        errorHandler: warn,
      }),
    );
  }

  /**
   * How many replicas share the kitchen rooms, this one included, as their heartbeats tell (every
   * 5 s; one that falls silent for 10 s is dropped). Always 1 with the memory adapter.
   */
  replicas(): Promise<number> {
    return this.server?.of(KITCHEN_NAMESPACE).adapter.serverCount() ?? Promise.resolve(1);
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
