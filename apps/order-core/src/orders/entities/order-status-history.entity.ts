import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every status move of every order: who, when, from what to what, and why. */
@Entity({ name: 'order_status_history' })
export class OrderStatusHistoryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('text', { name: 'to_status' }) toStatus: string;
  @Column('text', { name: 'actor_type' }) actorType: string;
  @Column('text', { name: 'actor_id' }) actorId: string;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('timestamptz') at: Date;
}
