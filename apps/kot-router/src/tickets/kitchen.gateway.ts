import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import {
  AuthService,
  canAccessVenue,
  InvalidTokenError,
  Principal,
  Role,
  SocketAuthData,
  VenueScoped,
} from '@hub/auth';
import {
  describeValidationErrors,
  KITCHEN_NAMESPACE,
  KitchenClientEvents,
  KitchenServerEvents,
  KitchenSyncAck,
  KitchenTicketChangedV1,
  KitchenTicketV1,
  TicketAction,
  SocketAck,
  stationRoom,
  SyncRequestDto,
  TicketRefDto,
} from '@hub/contracts';
import { STATION_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';
import { KitchenSocketAdapter } from './kitchen-socket.adapter';
import { ShownTickets } from './shown-tickets';
import { TicketsRepository } from './tickets.repository';
import { AcknowledgeTicketUseCase } from './usecases/update-ticket/acknowledge-ticket.usecase';
import { BumpTicketUseCase } from './usecases/update-ticket/bump-ticket.usecase';
import { RecallTicketUseCase } from './usecases/update-ticket/recall-ticket.usecase';

type KitchenSocket = Socket<KitchenClientEvents, KitchenServerEvents, Record<string, never>, SocketAuthData>;
type KitchenNamespace = Namespace<
  KitchenClientEvents,
  KitchenServerEvents,
  Record<string, never>,
  SocketAuthData
>;

export class HandshakeError extends Error {}

/** How often a ticket is sent to a station's screens before waiting for them to sync. */
const SHOW_ATTEMPTS = 5;

/** Injection token of the gateway's settings. */
export const KITCHEN_SETTINGS = Symbol('KITCHEN_SETTINGS');

export interface KitchenSettings {
  ackTimeoutMs: number;
}

/**
 * Which venue and station a handshake may open: a station token opens its own station; a manager
 * or staff token names the station (and the venue, when it holds several). The venue must be in
 * the token's venues.
 */
export function resolveStationScope(
  principal: Principal,
  requested: { venueId?: unknown; station?: unknown },
): { venueId: string; station: string } {
  const venueId =
    typeof requested.venueId === 'string'
      ? requested.venueId
      : principal.venues !== '*' && principal.venues.length === 1
        ? principal.venues[0]
        : undefined;
  if (!venueId || !VENUE_ID_PATTERN.test(venueId))
    throw new HandshakeError('name the venue: auth.venueId (your token holds several)');
  if (!canAccessVenue(principal, venueId))
    throw new HandshakeError(`this token is not scoped to venue ${venueId}`);
  const station = principal.role === Role.STATION ? principal.station : requested.station;
  if (
    principal.role === Role.STATION &&
    requested.station !== undefined &&
    requested.station !== principal.station
  ) {
    throw new HandshakeError(`this station token is for station ${principal.station}`);
  }
  if (typeof station !== 'string' || !STATION_PATTERN.test(station))
    throw new HandshakeError('name the station: auth.station');
  return { venueId, station };
}

function parse<T extends object>(cls: new () => T, body: unknown): T | string {
  const instance = plainToInstance(cls, body ?? {});
  const problems = describeValidationErrors(
    validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }),
  );
  return problems.length > 0 ? problems.join('; ') : instance;
}

/**
 * The kitchen screens. A socket authenticates in the handshake (`auth: { token, venueId?, station? }`),
 * is joined to exactly one venue's station room, and every event it sends acts on that room only.
 */
@WebSocketGateway({ namespace: KITCHEN_NAMESPACE, cors: { origin: true } })
@VenueScoped({ from: 'record' })
export class KitchenGateway implements OnGatewayInit<KitchenNamespace>, OnGatewayConnection<KitchenSocket> {
  private readonly logger = new Logger(KitchenGateway.name);

  @WebSocketServer()
  private readonly namespace: KitchenNamespace;

  constructor(
    private readonly auth: AuthService,
    private readonly tickets: TicketsRepository,
    private readonly bumpTicket: BumpTicketUseCase,
    private readonly acknowledgeTicket: AcknowledgeTicketUseCase,
    private readonly recallTicket: RecallTicketUseCase,
    @Inject(KITCHEN_SETTINGS) private readonly settings: KitchenSettings,
    private readonly socketAdapter: KitchenSocketAdapter,
    private readonly shown: ShownTickets,
  ) {}

  afterInit(namespace: KitchenNamespace): void {
    this.socketAdapter.attach(namespace.server);
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: Error) =>
          next(
            new Error(
              error instanceof HandshakeError || error instanceof InvalidTokenError
                ? error.message
                : 'cannot authenticate now',
            ),
          ),
      );
    });
  }

  private async authenticate(socket: KitchenSocket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    if (typeof auth.token !== 'string')
      throw new HandshakeError('missing token: connect with auth: { token }');
    const principal = await this.auth.verify(auth.token);
    const scope = resolveStationScope(principal, auth);
    socket.data = { principal, ...scope };
  }

  async handleConnection(socket: KitchenSocket): Promise<void> {
    const { venueId, station } = socket.data;
    await socket.join(stationRoom(venueId, station));
    socket.emit('joined', { venueId, station, lastSeq: await this.tickets.lastSeq({ venueId, station }) });
  }

  /** Shows new tickets on their station's screens; a screen acknowledges each one. */
  broadcast(venueId: string, tickets: KitchenTicketV1[]): void {
    for (const ticket of tickets) this.show(venueId, ticket, 1);
  }

  /**
   * Tells every screen of each ticket's station what happened to it without a screen acting (a ticket
   * closed because its lines were voided). A screen offline now gets its `bumpedAt` on `sync`.
   */
  announce(venueId: string, changes: KitchenTicketChangedV1[]): void {
    for (const change of changes)
      this.namespace.to(stationRoom(venueId, change.station)).emit('ticket:changed', change);
  }

  /**
   * Sends the ticket to the station's room and waits for a screen's acknowledgement; without one it
   * is sent again with backoff while screens are connected. A screen that joins later replays it
   * with `sync`, so nothing depends on these retries alone. With several replicas the room and the
   * acknowledgements span all of them (KitchenSocketAdapter): an answer without error and without
   * responses means every replica answered that no screen of the station is connected.
   */
  private show(venueId: string, ticket: KitchenTicketV1, attempt: number): void {
    const room = stationRoom(venueId, ticket.station);
    this.namespace
      .to(room)
      .timeout(this.settings.ackTimeoutMs)
      .emit('ticket', ticket, (error: Error | null, responses: SocketAck[]) => {
        if (responses.some((r) => r?.ok)) {
          this.shown.record({ venueId, station: ticket.station }, ticket.ticketId);
          return;
        }
        if (!error && responses.length === 0) return;
        if (attempt >= SHOW_ATTEMPTS) {
          this.logger.warn(
            `no screen of ${venueId}/${ticket.station} acknowledged ticket ${ticket.ticketId} after ${attempt} sends`,
          );
          return;
        }
        setTimeout(
          () => this.show(venueId, ticket, attempt + 1),
          Math.min(30_000, 500 * 2 ** attempt),
        ).unref();
      });
  }

  /**
   * Tells the station's other screens what this one did, at once (`ticket:changed`); a recall carries
   * the ticket so a screen that retired it puts it back.
   */
  private async tellOtherScreens(
    socket: KitchenSocket,
    ticketId: string,
    action: TicketAction,
  ): Promise<void> {
    const { venueId, station, principal } = socket.data;
    const found = await this.tickets.find(ticketId);
    if (!found) return;
    socket.to(stationRoom(venueId, station)).emit('ticket:changed', {
      ticketId,
      orderId: found.orderId,
      station,
      action,
      by: principal.sub,
      at: new Date().toISOString(),
      ...(action === 'recalled' ? { ticket: found.ticket } : {}),
    });
  }

  /** A cook takes the ticket on: the kitchen has started it. */
  @SubscribeMessage('ticket:ack')
  async ack(@ConnectedSocket() socket: KitchenSocket, @MessageBody() body: unknown): Promise<SocketAck> {
    const ref = parse(TicketRefDto, body);
    if (typeof ref === 'string') return { ok: false, error: ref };
    const acknowledged = await this.acknowledgeTicket.execute(
      socket.data,
      ref.ticketId,
      socket.data.principal.sub,
    );
    if (!acknowledged) return { ok: false, error: `ticket ${ref.ticketId} is not at this station` };
    await this.tellOtherScreens(socket, ref.ticketId, 'started');
    return { ok: true };
  }

  @SubscribeMessage('ticket:bump')
  async bump(@ConnectedSocket() socket: KitchenSocket, @MessageBody() body: unknown): Promise<SocketAck> {
    const ref = parse(TicketRefDto, body);
    if (typeof ref === 'string') return { ok: false, error: ref };
    const bumped = await this.bumpTicket.execute(socket.data, ref.ticketId, socket.data.principal.sub);
    if (!bumped) return { ok: false, error: `ticket ${ref.ticketId} is not open at this station` };
    await this.tellOtherScreens(socket, ref.ticketId, 'bumped');
    return { ok: true };
  }

  @SubscribeMessage('ticket:recall')
  async recall(@ConnectedSocket() socket: KitchenSocket, @MessageBody() body: unknown): Promise<SocketAck> {
    const ref = parse(TicketRefDto, body);
    if (typeof ref === 'string') return { ok: false, error: ref };
    const recalled = await this.recallTicket.execute(socket.data, ref.ticketId, socket.data.principal.sub);
    if (!recalled) return { ok: false, error: `ticket ${ref.ticketId} is not bumped at this station` };
    await this.tellOtherScreens(socket, ref.ticketId, 'recalled');
    return { ok: true };
  }

  /**
   * Replays every ticket of the station after `afterSeq` (a page at a time, in the station's order of
   * work), and answers with where its recent tickets stand, so starts, bumps and recalls made on
   * other screens while this one was away are applied too.
   */
  @SubscribeMessage('sync')
  async sync(
    @ConnectedSocket() socket: KitchenSocket,
    @MessageBody() body: unknown,
  ): Promise<KitchenSyncAck> {
    const request = parse(SyncRequestDto, body);
    if (typeof request === 'string') return { ok: false, error: request };
    const missed = await this.tickets.after(socket.data, request.afterSeq);
    for (const ticket of missed) socket.emit('ticket', ticket, () => undefined);
    this.logger.debug(`replayed ${missed.length} tickets to ${socket.data.venueId}/${socket.data.station}`);
    return { ok: true, replayed: missed.length, states: await this.tickets.states(socket.data) };
  }
}
