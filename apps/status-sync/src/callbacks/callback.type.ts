import type { CallbackKind } from '@hub/contracts';
import type { CallbackOrder } from '@hub/aggregators';
import type { OrderStatus } from '@hub/order-model';

export type CallbackState = 'pending' | 'sending' | 'failed' | 'sent' | 'dead' | 'superseded' | 'unsupported';

export const CALLBACK_STATES: readonly CallbackState[] = [
  'pending',
  'sending',
  'failed',
  'sent',
  'dead',
  'superseded',
  'unsupported',
];

export interface StatusPayload {
  order: CallbackOrder;
  status: OrderStatus;
  reason?: string;
}

export interface AvailabilityPayload {
  kind: 'item' | 'modifier';
  id: string;
  code: string;
  platformCode: string;
  available: boolean;
  until?: string;
}

/** A venue's store controls for one integration, as of `changedAt` (one aspect per callback). */
export interface StorePayload {
  aspect: 'pause' | 'busy';
  channel: string;
  pausedUntil?: string;
  busyExtraMinutes: number;
  changedAt: string;
  /** the reopening a platform without "until" needs, sent at `pausedUntil` */
  scheduled?: boolean;
}

/** An order's new ready time. */
export interface PrepTimePayload {
  order: CallbackOrder;
  promisedAt: string;
  prepTimeMinutes?: number;
  reason?: string;
}

/** The webhook body, customer included (PII: stored to be sent, never logged nor listed). */
export interface NotificationPayload {
  event: string;
  body: Record<string, unknown>;
}

export interface JiraPayload {
  orderId: string;
  externalId?: string;
  displayNumber?: string;
  venueId: string;
  target: string;
  status?: string;
  callbackId: string;
  attempts: number;
  reason: string;
}

export interface CallbackRow {
  id: string;
  kind: CallbackKind;
  venue_id: string;
  target: string;
  integration_id: string | null;
  breaker_key: string;
  subject_key: string;
  seq: string;
  order_id: string | null;
  external_id: string | null;
  status: string | null;
  item_code: string | null;
  correlation_id: string;
  dedupe_key: string;
  payload: unknown;
  not_before: Date | null;
  state: CallbackState;
  attempts: number;
  attempts_before_retry: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  lease_owner: string | null;
  idempotency_key: string;
  last_http_status: number | null;
  last_reason: string | null;
  result_ref: string | null;
  created_at: Date;
  retried_at: Date | null;
  updated_at: Date;
  sent_at: Date | null;
  dead_at: Date | null;
}

export interface AttemptRow {
  callback_id: string;
  attempt: number;
  started_at: Date;
  finished_at: Date | null;
  http_status: number | null;
  outcome: string | null;
  reason: string | null;
  action: string | null;
}

/** A callback to insert. */
export interface NewCallback {
  kind: CallbackKind;
  venueId: string;
  target: string;
  integrationId?: string;
  breakerKey: string;
  subjectKey: string;
  seq: number;
  orderId?: string;
  externalId?: string;
  status?: string;
  itemCode?: string;
  correlationId: string;
  dedupeKey: string;
  payload:
    StatusPayload | AvailabilityPayload | NotificationPayload | JiraPayload | StorePayload | PrepTimePayload;
  state: 'pending' | 'unsupported';
  reason?: string;
  /** not due before this time (a scheduled reopening); its age counts from then */
  notBefore?: Date;
}
