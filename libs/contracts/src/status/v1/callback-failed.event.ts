import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OrderStatus } from '@hub/order-model';

export const STATUS_CALLBACK_FAILED_V1 = 'status.v1.callback-failed';

/**
 * What status-sync sends: a status to a platform, an item's availability, a customer notification, a
 * Jira issue, a store control (pause, busy mode), an order's new preparation time.
 */
export const CALLBACK_KINDS = [
  'status',
  'availability',
  'notification',
  'jira',
  'store',
  'prep_time',
] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/** One try of a callback, as recorded: never a secret, a token or customer data. */
export class CallbackAttemptDto {
  @IsInt() @Min(1) attempt: number;
  @IsISO8601({ strict: true }) at: string;
  /** the platform's HTTP status; absent when no answer came (network, timeout, crash) */
  @IsOptional() @IsInt() @Min(100) @Max(599) httpStatus?: number;
  @IsString() @MaxLength(300) reason: string;
}

/**
 * A callback went to the dead letters: every attempt failed, or it grew too old, or the platform
 * refused it for good. The order is not changed; staff see it in `GET /v1/callbacks?state=dead`,
 * can retry it with `POST /v1/callbacks/:id/retry`, and a Jira issue is opened once per order when
 * Jira is configured. Emitted by status-sync. Aggregate: `callback`, id = `callbackId`; the
 * envelope's correlation id is the order's.
 */
export class StatusCallbackFailedV1 {
  @IsUUID() callbackId: string;

  @IsIn(CALLBACK_KINDS) kind: CallbackKind;

  /** the platform route name, `webhook` for customer notifications, `jira` for issues */
  @IsString() @IsNotEmpty() @MaxLength(64) target: string;

  @IsOptional() @IsUUID() orderId?: string;

  /** the platform's order id */
  @IsOptional() @IsString() @MaxLength(200) externalId?: string;

  /** the order status the callback was telling, for `status` and `notification` callbacks */
  @IsOptional() @IsIn(Object.values(OrderStatus)) status?: OrderStatus;

  /** the item code, for `availability` callbacks */
  @IsOptional() @IsString() @MaxLength(200) itemCode?: string;

  @IsInt() @Min(0) attempts: number;

  /** why it went dead: the last reason, or the age / attempts limit reached */
  @IsString() @MaxLength(500) reason: string;

  /** the last attempts, most recent last (at most 10) */
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CallbackAttemptDto)
  lastAttempts: CallbackAttemptDto[];

  @IsISO8601({ strict: true }) at: string;
}
