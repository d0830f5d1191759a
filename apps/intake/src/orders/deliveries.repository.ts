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
}
