import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A raw delivery: what a channel sent, kept as evidence, unique on the channel's dedupe key.
 * Committed with its outbox row before intake answers, so nothing acknowledged is ever lost.
 */
@Entity({ name: 'deliveries' })
@Unique('deliveries_dedupe_uq', ['platform', 'venueId', 'dedupeKey'])
export class DeliveryEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** the platform route name, or the direct channel */
  @Column('text')
  platform: string;

  @Column('text', { name: 'venue_id' })
  venueId: string;

  /** the platform's delivery id, or `idem:<Idempotency-Key>` for direct orders */
  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  /** sha256 of the body, to tell a retry from a key reused for another order */
  @Column('text', { name: 'body_sha256' })
  bodySha256: string;

  @Column('jsonb')
  body: unknown;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
