import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  createEnvelope,
  MENU_ORDER_MAPPED_V1,
  MENU_ORDER_NEEDS_ATTENTION_V1,
  MenuOrderMappedV1,
  MenuOrderNeedsAttentionV1,
} from '@hub/contracts';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import { AttentionOrdersRepository } from '../../attention-orders.repository';
import type { ReinjectOrderDto, ReinjectResultDto } from '../../dto/attention.dto';
import { OrderValidator } from '../../order-validator';

/**
 * Runs validation again on an order that waits, once a person has fixed the mapping (or substitutes
 * lines, or accepts the channel's prices). A clean order flows on as `menu.v1.order-mapped`, exactly
 * once: the row is locked, marked resolved and the event written to the outbox in one transaction,
 * and a second re-inject is refused (409). An order still not clean stays waiting with its new
 * reasons (and order-core is told them).
 */
@Injectable()
export class ReinjectOrderUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly attention: AttentionOrdersRepository,
    private readonly validator: OrderValidator,
  ) {}

  async execute(
    venueId: string,
    id: string,
    body: ReinjectOrderDto,
    principal: Principal,
  ): Promise<ReinjectResultDto> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const row = await this.attention.lockById(manager, id);
      if (!row || row.venueId !== venueId)
        throw new NotFoundException(`no order waiting with id ${id} at ${venueId}`);
      if (row.state === 'resolved') {
        throw new ConflictException(
          `order ${row.channel}/${row.externalId} already flowed on (${row.resolvedAt} by ${row.resolvedBy})`,
        );
      }
      const lineIds = new Set(row.order.items.map((line) => line.lineId));
      const problems = (body.substitutions ?? [])
        .map((s, i) =>
          lineIds.has(s.lineId) ? null : `substitutions.${i}.lineId: the order has no line ${s.lineId}`,
        )
        .filter((p): p is string => p !== null);
      if (problems.length > 0) throw new BadRequestException(problems);

      const result = await this.validator.validate(row.order, manager, {
        substitutions: new Map((body.substitutions ?? []).map((s) => [s.lineId, s.itemCode])),
        acceptPriceMismatch: body.acceptPriceMismatch ?? false,
      });
      const meta = {
        venueId,
        aggregateType: 'order',
        aggregateId: `${row.channel}:${row.externalId}`,
        correlationId: row.correlationId,
        causationId: uuidv7(),
      };
      if (!result.ok) {
        await this.attention.stillWaiting(manager, row.id, result.reasons);
        emit(
          createEnvelope<MenuOrderNeedsAttentionV1>(
            MENU_ORDER_NEEDS_ATTENTION_V1,
            { order: row.order, reasons: result.reasons },
            meta,
          ),
        );
        return { state: 'waiting', reasons: result.reasons, mappedEventId: null };
      }
      const envelope = createEnvelope<MenuOrderMappedV1>(MENU_ORDER_MAPPED_V1, { order: result.order }, meta);
      await this.attention.markResolved(
        manager,
        row.id,
        principal.sub,
        {
          substitutions: body.substitutions ?? [],
          acceptPriceMismatch: body.acceptPriceMismatch ?? false,
          ...(body.note ? { note: body.note } : {}),
        },
        envelope.id,
      );
      emit(envelope);
      return { state: 'resolved', reasons: [], mappedEventId: envelope.id };
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
