import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OrderDraftDto } from '@hub/contracts';
import { DIRECT_CHANNELS } from '@hub/order-model';

/** A direct-channel order (dine-in, waiter, QR, kiosk, app, web, call centre) in canonical form. */
export class CreateDirectOrderDto extends OmitType(OrderDraftDto, [
  'channel',
  'externalId',
  'placedAt',
  'source',
] as const) {
  @ApiProperty({ enum: DIRECT_CHANNELS })
  @IsIn(DIRECT_CHANNELS, { message: `channel must be one of ${DIRECT_CHANNELS.join(', ')}` })
  channel: string;

  @ApiPropertyOptional({ description: "the channel's own order id; defaults to the Idempotency-Key" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 UTC; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  placedAt?: string;
}

export class OrderAcceptedResponseDto {
  @ApiProperty({
    description: 'the raw delivery id; also the correlation id of the order through every service',
  })
  deliveryId: string;

  @ApiProperty({ description: 'true when this Idempotency-Key was seen before: nothing new was created' })
  duplicate: boolean;
}
