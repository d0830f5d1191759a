import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CALLBACK_KINDS } from '@hub/contracts';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';
import { CALLBACK_STATES, type CallbackState } from '../callback.type';

export class ListCallbacksQueryDto {
  @ApiPropertyOptional({
    enum: CALLBACK_STATES,
    description: 'failed: retrying after an error; dead: gave up',
  })
  @IsOptional()
  @IsIn(CALLBACK_STATES)
  state?: CallbackState;

  @ApiPropertyOptional({ description: "a venue id; a manager sees only the token's venues" })
  @IsOptional()
  @Matches(VENUE_ID_PATTERN)
  venueId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ enum: CALLBACK_KINDS })
  @IsOptional()
  @IsIn(CALLBACK_KINDS)
  kind?: string;

  @ApiPropertyOptional({ description: 'platform route name, webhook or jira' })
  @IsOptional()
  @Matches(CHANNEL_PATTERN)
  target?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}

export class CallbackIdParamsDto {
  @IsUUID()
  id: string;
}

export class CallbackAttemptViewDto {
  @ApiProperty() attempt: number;
  @ApiProperty() startedAt: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiPropertyOptional({ description: "the platform's HTTP status, when it answered" }) httpStatus?: number;
  @ApiPropertyOptional({ description: 'sent, failed, dead, interrupted' }) outcome?: string;
  @ApiPropertyOptional({ description: 'short, without secrets or customer data' }) reason?: string;
  @ApiPropertyOptional() action?: string;
}

export class CallbackDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CALLBACK_KINDS }) kind: string;
  @ApiProperty({ description: 'platform route name, webhook or jira' }) target: string;
  @ApiProperty() venueId: string;
  @ApiPropertyOptional() orderId?: string;
  @ApiPropertyOptional({ description: "the platform's order id" }) externalId?: string;
  @ApiPropertyOptional({ description: 'the order status being told' }) status?: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiPropertyOptional({ enum: ['pause', 'busy'], description: 'store callbacks: which store control' })
  aspect?: string;
  @ApiPropertyOptional({ description: 'store callbacks: the reopening scheduled for the end of a pause' })
  scheduled?: boolean;
  @ApiProperty({ enum: CALLBACK_STATES }) state: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional() nextAttemptAt?: string;
  @ApiPropertyOptional() lastHttpStatus?: number;
  @ApiPropertyOptional() lastReason?: string;
  @ApiPropertyOptional({ description: 'what the target returned to keep (the Jira issue key)' })
  resultRef?: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional() sentAt?: string;
  @ApiPropertyOptional() deadAt?: string;
  @ApiProperty({ type: [CallbackAttemptViewDto] }) attemptLog: CallbackAttemptViewDto[];
}

export class CallbackListDto {
  @ApiProperty({ type: [CallbackDto] }) items: CallbackDto[];
}
