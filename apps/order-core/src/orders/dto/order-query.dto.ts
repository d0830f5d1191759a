import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CanonicalOrderDto, AttentionReasonDto } from '@hub/contracts';
import { CHANNEL_PATTERN, ORDER_STATUSES, VENUE_ID_PATTERN } from '@hub/order-model';

export class ListOrdersQueryDto {
  @ApiPropertyOptional({ description: 'required unless the token is head office' })
  @IsOptional()
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CHANNEL_PATTERN)
  channel?: string;

  @ApiPropertyOptional({ description: 'created at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'created before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsUUID()
  cursor?: string;
}

export class OrderIdParamsDto {
  @IsUUID('all', { message: 'id must be an order id (uuid)' })
  id: string;
}

export class OrderViewDto extends CanonicalOrderDto {
  @ApiProperty({ description: 'every line resolved to the menu' })
  mapped: boolean;

  @ApiPropertyOptional({ type: [AttentionReasonDto], description: 'why the order waits for a person' })
  attention?: AttentionReasonDto[];

  @ApiPropertyOptional({ description: 'waiting for staff: escalated after this time (ISO 8601)' })
  acceptBy?: string;

  @ApiPropertyOptional({
    description: 'a held scheduled order: released to the kitchen at this time (ISO 8601)',
  })
  firesAt?: string;

  @ApiPropertyOptional({
    description:
      'when the order is promised ready (ISO 8601): its scheduled time, or as set by busy mode, a full capacity slot or staff (POST /v1/orders/:id/prep-time)',
  })
  promisedAt?: string;

  @ApiPropertyOptional({ description: 'its preparation time in minutes, once set with promisedAt' })
  prepTimeMinutes?: number;

  @ApiProperty()
  correlationId: string;
}

export class TimelineEntryDto {
  @ApiProperty({
    enum: [
      'status',
      'items_added',
      'items_voided',
      'priority_changed',
      'prep_time_changed',
      'ticket_acknowledged',
      'ticket_printed',
      'platform_acked',
    ],
    description:
      'a status move; a change of lines, priority or promised time; or a hop of another service: a ticket taken on at its station, printed, the platform acknowledging a status (these leave from = to, the status at the time)',
  })
  kind:
    | 'status'
    | 'items_added'
    | 'items_voided'
    | 'priority_changed'
    | 'prep_time_changed'
    | 'ticket_acknowledged'
    | 'ticket_printed'
    | 'platform_acked';
  @ApiProperty({ nullable: true }) from: string | null;
  @ApiProperty() to: string;
  @ApiPropertyOptional({ type: [String], description: 'the lines added or voided' }) lineIds?: string[];
  @ApiPropertyOptional({ enum: ['normal', 'rush', 'vip'], description: 'the new priority' })
  priority?: string;
  @ApiProperty({ description: 'staff, station, platform or system' }) actorType: string;
  @ApiProperty() actorId: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'facts of a hop or promised-time change: ticketId, station, printerId, platform status, promisedAt ... (never customer data)',
  })
  detail?: Record<string, unknown>;
  @ApiProperty() at: string;
}

export class OrderWithTimelineDto extends OrderViewDto {
  @ApiProperty({ type: [TimelineEntryDto] })
  timeline: TimelineEntryDto[];
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderViewDto] }) orders: OrderViewDto[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
}
