import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';
import { DELIVERY_STATES, type DeliveryState } from '../../orders/deliveries.repository';

export class VenueDeliveriesParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;
}

export class DeliveryParamsDto extends VenueDeliveriesParamsDto {
  @IsUUID('all', { message: 'id must be a delivery id (uuid)' })
  id: string;
}

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'only deliveries in this state' })
  @IsOptional()
  @IsIn(DELIVERY_STATES, { message: `state must be one of ${DELIVERY_STATES.join(', ')}` })
  state?: DeliveryState;

  @ApiPropertyOptional({ example: 'zomato', description: 'only this platform (or direct channel)' })
  @IsOptional()
  @Matches(CHANNEL_PATTERN, { message: 'platform must be a platform route name such as shopify' })
  platform?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(200, { message: 'limit must be at most 200' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsUUID('all', { message: 'cursor must be the nextCursor of the previous page' })
  cursor?: string;
}

/** One delivery in the list: what happened to it, never its body (no customer data). */
export class DeliverySummaryDto {
  @ApiProperty({ description: 'the raw delivery id (UUIDv7): the correlation id of its events' }) id: string;
  @ApiProperty({ example: 'shopify' }) platform: string;
  @ApiProperty({ enum: ['order', 'status', 'unparsed'] }) kind: string;
  @ApiProperty({ enum: DELIVERY_STATES }) state: DeliveryState;
  @ApiProperty({ enum: ['webhook', 'poll', 'direct'] }) receivedBy: string;
  @ApiProperty({ description: 'ISO 8601 UTC' }) receivedAt: string;
  @ApiProperty({ description: 'thin events: attempts to fetch the order since received or last retried' })
  attempts: number;
  @ApiPropertyOptional({ description: 'awaiting_fetch: when the next attempt is due (ISO 8601 UTC)' })
  nextAttemptAt?: string;
  @ApiProperty({ description: 'retries by hand (POST .../retry)' }) retries: number;
  @ApiPropertyOptional({ description: 'the last retry by hand (ISO 8601 UTC)' }) lastRetriedAt?: string;
  @ApiPropertyOptional({
    description: 'the last error, or why it needs attention (the path and problem the adapter named)',
  })
  error?: string;
  @ApiProperty({
    description:
      "the platform's delivery id it is deduplicated on (`raw:<sha256>` while it cannot be parsed, `idem:<key>` for direct orders)",
  })
  dedupeKey: string;
  @ApiProperty({ description: 'an intake.v1.order-received went out for it' }) orderAnnounced: boolean;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliverySummaryDto] }) deliveries: DeliverySummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** One delivery with its evidence. */
export class DeliveryEvidenceDto extends DeliverySummaryDto {
  @ApiProperty({
    description:
      'the body as received, byte for byte (for a direct order: its JSON); utf8 text, or base64 when the bytes are not UTF-8',
  })
  body: string;
  @ApiProperty({ enum: ['utf8', 'base64'] }) bodyEncoding: 'utf8' | 'base64';
  @ApiProperty({ description: 'sha256 of the body, hex' }) bodySha256: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'the delivery headers kept as evidence; signatures, keys and tokens show as ******** (the signature was checked on receipt)',
  })
  headers: Record<string, string>;
}

export class RetryResultDto {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: DELIVERY_STATES,
    description:
      'stored: normalised (its order announced unless received before); awaiting_fetch: its order is being fetched again; needs_attention: it still cannot be normalised (see error)',
  })
  state: DeliveryState;
  @ApiProperty({ description: 'intake.v1.order-received events this retry emitted' }) announced: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'a push of several orders (GloriaFood): every delivery it now is, this one first',
  })
  deliveryIds?: string[];
  @ApiPropertyOptional({ description: 'why it still needs attention, or what became of it' }) error?: string;
  @ApiProperty() retries: number;
}
