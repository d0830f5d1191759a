import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type {
  AttentionReasonDto,
  OrderCustomerDto,
  OrderPaymentDto,
  OrderSourceDto,
  OrderTotalsDto,
} from '@hub/contracts';
import type { OrderPriority, OrderStatus } from '@hub/order-model';
import { OrderItemEntity } from './order-item.entity';

/** Where an order is counted: its slot's start (ISO 8601), the control channels (`*`, its own), its minutes. */
export interface CapacityTaken {
  slot: string;
  channels: string[];
  prepMinutes: number;
}

/** The canonical order table: one row per (channel, venue, externalId), from the moment it is received. */
@Entity({ name: 'orders' })
export class OrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'venue_id' }) venueId: string;
  @Column('text') channel: string;
  @Column('text', { name: 'external_id' }) externalId: string;
  @Column('text', { name: 'display_number' }) displayNumber: string;
  @Column('text', { name: 'order_type' }) orderType: string;
  @Column('text') status: OrderStatus;
  @Column('timestamptz', { name: 'placed_at' }) placedAt: Date;
  @Column('timestamptz', { name: 'scheduled_for', nullable: true }) scheduledFor: Date | null;
  /** PII: never logged */
  @Column('jsonb') customer: OrderCustomerDto;
  @Column('jsonb') totals: OrderTotalsDto;
  @Column('integer') total: number;
  @Column('char', { length: 3 }) currency: string;
  @Column('jsonb') payment: OrderPaymentDto;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('jsonb', { nullable: true }) allergens: string[] | null;
  @Column('jsonb') source: OrderSourceDto;
  /** every line resolved to the menu, with its station */
  @Column('boolean') mapped: boolean;
  /** why the order waits for a person (unmapped code, 86'd item...), or null */
  @Column('jsonb', { nullable: true }) attention: AttentionReasonDto[] | null;
  @Column('text', { name: 'correlation_id' }) correlationId: string;
  /** normal, rush or vip: how urgently the kitchen takes it on */
  @Column('text', { default: 'normal' }) priority: OrderPriority;
  /** an order waiting for staff is escalated after this (the venue's acceptance policy) */
  @Column('timestamptz', { name: 'accept_by', nullable: true }) acceptBy: Date | null;
  /** a held scheduled order goes to the kitchen at this time */
  @Column('timestamptz', { name: 'fire_at', nullable: true }) fireAt: Date | null;
  @Column('timestamptz', { name: 'released_at', nullable: true }) releasedAt: Date | null;
  /** when the order is promised ready (store controls: busy mode, a full capacity slot, staff), once set */
  @Column('timestamptz', { name: 'promised_at', nullable: true }) promisedAt: Date | null;
  @Column('integer', { name: 'prep_time_minutes', nullable: true }) prepTimeMinutes: number | null;
  /** the capacity slot it counts in (store controls), given back if it is cancelled or rejected */
  @Column('jsonb', { name: 'capacity_taken', nullable: true }) capacityTaken: CapacityTaken | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;

  @OneToMany(() => OrderItemEntity, (item) => item.order)
  items: OrderItemEntity[];
}
