import { createHash } from 'node:crypto';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  createEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  IntakeOrderReceivedV1,
  OrderDraftDto,
} from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { deriveDisplayNumber } from '@hub/order-model';
import { DeliveriesRepository } from '../../deliveries.repository';
import { ReceiveDirectOrderCommand } from './receive-direct-order.command';

export interface ReceivedDelivery {
  deliveryId: string;
  duplicate: boolean;
}

/**
 * Stores a direct order durably (raw delivery + outbox row, one transaction) and answers.
 * The same Idempotency-Key again answers the first delivery and creates nothing; the same key with
 * a different body is refused.
 */
@Injectable()
export class ReceiveDirectOrderUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async execute(command: ReceiveDirectOrderCommand): Promise<ReceivedDelivery> {
    const { order, idempotencyKey } = command;
    const dedupeKey = `idem:${idempotencyKey}`;
    const bodySha256 = createHash('sha256').update(JSON.stringify(order)).digest('hex');
    const deliveryId = uuidv7();

    const outcome = await this.tx.run(
      async ({ manager, emit }) => {
        const stored = await this.deliveries.insertIfNew(manager, {
          id: deliveryId,
          platform: order.channel,
          venueId: order.venueId,
          dedupeKey,
          bodySha256,
          body: order,
        });
        if (!stored) return this.deliveries.findByDedupeKey(manager, order.channel, order.venueId, dedupeKey);
        const externalId = order.externalId ?? idempotencyKey;
        const draft: OrderDraftDto = {
          ...order,
          externalId,
          displayNumber: order.displayNumber ?? deriveDisplayNumber(externalId),
          placedAt: order.placedAt ?? new Date().toISOString(),
          source: { platform: order.channel, storeRef: order.venueId, rawDeliveryId: deliveryId },
        };
        emit(
          createEnvelope<IntakeOrderReceivedV1>(
            INTAKE_ORDER_RECEIVED_V1,
            { deliveryId, order: draft },
            {
              venueId: order.venueId,
              aggregateType: 'delivery',
              aggregateId: deliveryId,
              correlationId: deliveryId,
            },
          ),
        );
        return null;
      },
      undefined,
      { publish: 'background' },
    );

    const existing = outcome.duplicate ? null : outcome.result;
    if (!existing) return { deliveryId, duplicate: false };
    if (existing.bodySha256 !== bodySha256) {
      throw new UnprocessableEntityException(
        `Idempotency-Key ${idempotencyKey} was already used for a different order (delivery ${existing.id})`,
      );
    }
    return { deliveryId: existing.id, duplicate: true };
  }
}
