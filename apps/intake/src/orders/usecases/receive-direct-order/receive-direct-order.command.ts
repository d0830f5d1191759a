import { BadRequestException } from '@nestjs/common';
import type { CreateDirectOrderDto } from '../../dto/create-direct-order.dto';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A validated direct order with its Idempotency-Key. */
export class ReceiveDirectOrderCommand {
  private constructor(
    readonly order: CreateDirectOrderDto,
    readonly idempotencyKey: string,
  ) {}

  static create(order: CreateDirectOrderDto, idempotencyKey: string | undefined): ReceiveDirectOrderCommand {
    if (!idempotencyKey) {
      throw new BadRequestException(
        'the Idempotency-Key header is required, so a retried request creates nothing twice',
      );
    }
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException('the Idempotency-Key header must be 1 to 200 visible ASCII characters');
    }
    return new ReceiveDirectOrderCommand(order, idempotencyKey);
  }
}
