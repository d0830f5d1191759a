import { Type } from 'class-transformer';
import { IsISO8601, IsNotEmpty, IsObject, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { v7 as uuidv7 } from 'uuid';
import { VENUE_ID_PATTERN } from '@hub/order-model';

/**
 * Every event on the bus travels in this envelope. `id` is a UUIDv7 and is also sent as the
 * `Nats-Msg-Id` header, so JetStream drops a republished duplicate; consumers record it in their
 * inbox so a redelivered one is applied once.
 */
export class EventEnvelope<TPayload = unknown> {
  @IsUUID()
  id: string;

  /** the subject, e.g. `orders.v1.created` */
  @IsString()
  @Matches(/^(cmd\.)?[a-z]+\.v\d+\.[a-z][a-z0-9-]*$/)
  type: string;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsString()
  @Matches(VENUE_ID_PATTERN)
  venueId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  aggregateType: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  aggregateId: string;

  /** the order's trace through every service */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  correlationId: string;

  /** the id of the event (or request) that caused this one */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  causationId: string;

  @IsObject()
  @Type(() => Object)
  payload: TPayload;
}

export interface EnvelopeMeta {
  venueId: string;
  aggregateType: string;
  aggregateId: string;
  correlationId: string;
  /** defaults to the correlation id (the first event of a trace causes itself) */
  causationId?: string;
}

/** The envelope of an event caused by `cause`: same venue and trace. */
export function causedBy(cause: EventEnvelope, aggregateType: string, aggregateId: string): EnvelopeMeta {
  return {
    venueId: cause.venueId,
    aggregateType,
    aggregateId,
    correlationId: cause.correlationId,
    causationId: cause.id,
  };
}

export function createEnvelope<TPayload>(
  type: string,
  payload: TPayload,
  meta: EnvelopeMeta,
): EventEnvelope<TPayload> {
  return {
    id: uuidv7(),
    type,
    occurredAt: new Date().toISOString(),
    venueId: meta.venueId,
    aggregateType: meta.aggregateType,
    aggregateId: meta.aggregateId,
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? meta.correlationId,
    payload,
  };
}
