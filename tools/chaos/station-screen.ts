import { io, Socket } from 'socket.io-client';
import type { KitchenTicketV1 } from '@hub/contracts';

/**
 * A kitchen screen as a real one behaves: a socket.io client on /kitchen that reconnects by itself,
 * acknowledges every ticket, keeps each ticket once by ticketId, and on every (re)join asks for
 * what it missed with `sync { afterSeq }`, afterSeq being the highest seq up to which it has every
 * ticket (seqs are gap-free per station).
 */
export class StationScreen {
  /** every ticket delivery, duplicates included */
  rawDeliveries = 0;
  readonly tickets = new Map<string, KitchenTicketV1>();
  private readonly seqs = new Set<number>();
  private contiguous = 0;
  private paused = false;
  private readonly socket: Socket;

  constructor(
    kotRouterUrl: string,
    token: string,
    readonly venueId: string,
    readonly station: string,
  ) {
    this.socket = io(`${kotRouterUrl}/kitchen`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 2000,
    });
    this.socket.on('ticket', (ticket: KitchenTicketV1, ack?: (r: { ok: boolean }) => void) => {
      ack?.({ ok: true });
      this.rawDeliveries++;
      if (!this.tickets.has(ticket.ticketId)) this.tickets.set(ticket.ticketId, ticket);
      this.seqs.add(ticket.seq);
      while (this.seqs.has(this.contiguous + 1)) this.contiguous++;
    });
    this.socket.on('joined', () => void this.sync());
  }

  get name(): string {
    return `${this.venueId}/${this.station}`;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  joined(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not join`)), timeoutMs);
      this.socket.once('joined', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Asks for every ticket after the last gap-free seq; resolves with how many were replayed. */
  async sync(): Promise<number | undefined> {
    if (!this.socket.connected) return undefined;
    try {
      const answer = (await this.socket
        .timeout(10_000)
        .emitWithAck('sync', { afterSeq: this.contiguous })) as { ok: boolean; replayed?: number };
      return answer.ok ? answer.replayed : undefined;
    } catch {
      return undefined;
    }
  }

  /** The screen loses its connection (Wi-Fi gone) until resume(). */
  pause(): void {
    this.paused = true;
    this.socket.disconnect();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.connect();
  }

  close(): void {
    this.socket.close();
  }
}
