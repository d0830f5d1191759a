import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { KitchenTicketV1, TicketKind } from '@hub/contracts';

/** A Kitchen Order Ticket for one station, numbered by the station's gap-free sequence. */
@Entity({ name: 'tickets' })
export class TicketEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'venue_id' }) venueId: string;
  @Column('text') station: string;
  @Column('integer') seq: number;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('text') kind: TicketKind;
  /** the ticket exactly as screens receive it */
  @Column('jsonb') ticket: KitchenTicketV1;
  /** the order's trace, carried on to the events this ticket causes */
  @Column('text', { name: 'correlation_id' }) correlationId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** a screen of the station received it */
  @Column('timestamptz', { name: 'shown_at', nullable: true }) shownAt: Date | null;
  /** a cook took it on (ticket:ack): the kitchen has started it */
  @Column('timestamptz', { name: 'acked_at', nullable: true }) ackedAt: Date | null;
  @Column('timestamptz', { name: 'bumped_at', nullable: true }) bumpedAt: Date | null;
  /** every line on it was voided: closed then (bumped_at too), not by a cook; never recalled */
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt: Date | null;
  /** the station's order of work, smaller first (see KitchenTicketV1.priority) */
  @Column('integer') priority: number;
  /** when the station must start it: the order's due time minus the ticket's preparation time */
  @Column('timestamptz', { name: 'start_by', nullable: true }) startBy: Date | null;
  /** a void ticket of a cancelled order (one per station), not of some of its lines */
  @Column('boolean', { name: 'voids_order' }) voidsOrder: boolean;
}
