import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryEntity } from './entities/delivery.entity';

export type NewDelivery = Pick<
  DeliveryEntity,
  'id' | 'platform' | 'venueId' | 'dedupeKey' | 'bodySha256' | 'body'
>;

@Injectable()
export class DeliveriesRepository {
  /** Inserts the delivery unless its dedupe key was seen; true when inserted. */
  async insertIfNew(manager: EntityManager, delivery: NewDelivery): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO deliveries (id, platform, venue_id, dedupe_key, body_sha256, body)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT deliveries_dedupe_uq DO NOTHING RETURNING id`,
      [
        delivery.id,
        delivery.platform,
        delivery.venueId,
        delivery.dedupeKey,
        delivery.bodySha256,
        JSON.stringify(delivery.body),
      ],
    );
    return inserted.length > 0;
  }

  async findByDedupeKey(
    manager: EntityManager,
    platform: string,
    venueId: string,
    dedupeKey: string,
  ): Promise<DeliveryEntity | null> {
    return manager.findOne(DeliveryEntity, { where: { platform, venueId, dedupeKey } });
  }

  /**
   * Stores a webhook delivery with its raw bytes and signature headers as evidence; false when its
   * dedupe key was seen before (for this platform and venue).
   */
  async insertWebhook(
    manager: EntityManager,
    delivery: {
      id: string;
      platform: string;
      venueId: string;
      dedupeKey: string;
      kind: 'order' | 'status' | 'unparsed';
      state: 'stored' | 'needs_attention';
      error?: string;
      rawBody: Buffer;
      headers: Record<string, string | undefined>;
    },
  ): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO deliveries (id, platform, venue_id, dedupe_key, body_sha256, raw_body, headers, kind, state, error)
       VALUES ($1, $2, $3, $4, encode(sha256($5), 'hex'), $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT deliveries_dedupe_uq DO NOTHING RETURNING id`,
      [
        delivery.id,
        delivery.platform,
        delivery.venueId,
        delivery.dedupeKey,
        delivery.rawBody,
        JSON.stringify(delivery.headers),
        delivery.kind,
        delivery.state,
        delivery.error ?? null,
      ],
    );
    return inserted.length > 0;
  }
}
