import { io, Socket } from 'socket.io-client';
import { Role } from '@hub/auth';
import type { KitchenTicketV1 } from '@hub/contracts';
import { DEMO_VENUES, freePort, seedDemoMenu, ServiceProcess, TestEnvironment } from '@hub/testing';

export const SERVICES = [
  'intake',
  'menu-mapping',
  'order-core',
  'kot-router',
  'status-sync',
  'reporting',
] as const;
export type ServiceName = (typeof SERVICES)[number];

const PORT_VARIABLE: Record<ServiceName, string> = {
  intake: 'INTAKE_PORT',
  'menu-mapping': 'MENU_MAPPING_PORT',
  'order-core': 'ORDER_CORE_PORT',
  'kot-router': 'KOT_ROUTER_PORT',
  'status-sync': 'STATUS_SYNC_PORT',
  reporting: 'REPORTING_PORT',
};

export const VENUE_A = DEMO_VENUES[0].id;
export const VENUE_B = DEMO_VENUES[1].id;

/** The six services as separate processes on one test environment, with the demo menu on both venues. */
export class RunningSystem {
  private constructor(
    readonly environment: TestEnvironment,
    readonly services: Record<ServiceName, ServiceProcess>,
  ) {}

  static async start(): Promise<RunningSystem> {
    const environment = await TestEnvironment.create();
    const services = {} as Record<ServiceName, ServiceProcess>;
    for (const name of SERVICES) {
      const port = await freePort();
      services[name] = new ServiceProcess(
        name,
        port,
        environment.env({ [PORT_VARIABLE[name]]: String(port) }),
      );
    }
    const system = new RunningSystem(environment, services);
    try {
      await Promise.all(SERVICES.map((name) => services[name].start()));
      const manager = environment.token(Role.HEAD_OFFICE, '*');
      for (const venue of DEMO_VENUES) await seedDemoMenu(services['menu-mapping'].url, manager, venue.id);
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  url(name: ServiceName): string {
    return this.services[name].url;
  }

  async stop(): Promise<void> {
    await Promise.all(SERVICES.map((name) => this.services[name].stop()));
    await this.environment.stop();
  }
}

/** A kitchen screen: a socket.io client on /kitchen that records the tickets it receives and acks them. */
export class StationScreen {
  readonly tickets: KitchenTicketV1[] = [];
  private constructor(readonly socket: Socket) {}

  static async connect(kotRouterUrl: string, auth: Record<string, unknown>): Promise<StationScreen> {
    const socket = io(`${kotRouterUrl}/kitchen`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const screen = new StationScreen(socket);
    socket.on('ticket', (ticket: KitchenTicketV1, ack?: (res: { ok: boolean }) => void) => {
      screen.tickets.push(ticket);
      ack?.({ ok: true });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('joined', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return screen;
  }

  /** Emits a client event and resolves with the server's acknowledgement. */
  request<T = { ok: boolean; error?: string }>(event: string, body: unknown): Promise<T> {
    return this.socket.timeout(5000).emitWithAck(event, body) as Promise<T>;
  }

  close(): void {
    this.socket.close();
  }
}

/** Tries to connect; resolves with the connect_error message, or throws if it joined. */
export function refusedConnection(kotRouterUrl: string, auth: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = io(`${kotRouterUrl}/kitchen`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
    socket.once('joined', () => {
      socket.close();
      reject(new Error('the socket was joined to a room'));
    });
  });
}

export async function postOrder(
  intakeUrl: string,
  token: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${intakeUrl}/v1/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function getJson(
  url: string,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, body };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
