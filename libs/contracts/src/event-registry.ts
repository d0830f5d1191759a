import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventEnvelope } from './envelope';
import { cacheValidationMetadata } from './validation/validation-metadata-cache';
import { INTAKE_INTEGRATION_SAVED_V1, IntakeIntegrationSavedV1 } from './intake/v1/integration-saved.event';
import { INTAKE_ORDER_RECEIVED_V1, IntakeOrderReceivedV1 } from './intake/v1/order-received.event';
import { INTAKE_STATUS_RECEIVED_V1, IntakeStatusReceivedV1 } from './intake/v1/status-received.event';
import { KOT_PRINT_FAILED_V1, PrintFailedV1 } from './kot/v1/print-failed.event';
import { CMD_KOT_PRINT_V1, PrintTicketCommandV1 } from './kot/v1/print-ticket.command';
import { KOT_TICKET_ACKNOWLEDGED_V1, TicketAcknowledgedV1 } from './kot/v1/ticket-acknowledged.event';
import { KOT_TICKET_BUMPED_V1, TicketBumpedV1 } from './kot/v1/ticket-bumped.event';
import { KOT_TICKET_PRINTED_V1, TicketPrintedV1 } from './kot/v1/ticket-printed.event';
import { KOT_TICKET_RECALLED_V1, TicketRecalledV1 } from './kot/v1/ticket-recalled.event';
import { KOT_TICKET_ROUTED_V1, TicketRoutedV1 } from './kot/v1/ticket-routed.event';
import {
  MENU_AVAILABILITY_CHANGED_V1,
  MenuAvailabilityChangedV1,
} from './menu/v1/availability-changed.event';
import { MENU_ORDER_MAPPED_V1, MenuOrderMappedV1 } from './menu/v1/order-mapped.event';
import {
  MENU_ORDER_NEEDS_ATTENTION_V1,
  MenuOrderNeedsAttentionV1,
} from './menu/v1/order-needs-attention.event';
import { ORDERS_CREATED_V1, OrderCreatedV1 } from './orders/v1/created.event';
import { ORDERS_ITEMS_ADDED_V1, OrderItemsAddedV1 } from './orders/v1/items-added.event';
import { ORDERS_ITEMS_VOIDED_V1, OrderItemsVoidedV1 } from './orders/v1/items-voided.event';
import { ORDERS_PAYMENT_CHANGED_V1, OrderPaymentChangedV1 } from './orders/v1/payment-changed.event';
import { ORDERS_PREP_TIME_CHANGED_V1, OrderPrepTimeChangedV1 } from './orders/v1/prep-time-changed.event';
import { ORDERS_PRIORITY_CHANGED_V1, OrderPriorityChangedV1 } from './orders/v1/priority-changed.event';
import { ORDERS_RELEASED_V1, OrderReleasedV1 } from './orders/v1/released.event';
import { ORDERS_STATUS_CHANGED_V1, OrderStatusChangedV1 } from './orders/v1/status-changed.event';
import {
  ORDERS_STORE_CONTROLS_CHANGED_V1,
  StoreControlsChangedV1,
} from './orders/v1/store-controls-changed.event';
import { ORDERS_STUCK_V1, OrderStuckV1 } from './orders/v1/stuck.event';
import {
  STATUS_CALLBACK_DELIVERED_V1,
  StatusCallbackDeliveredV1,
} from './status/v1/callback-delivered.event';
import { STATUS_CALLBACK_FAILED_V1, StatusCallbackFailedV1 } from './status/v1/callback-failed.event';

// every service validates its events (and its HTTP bodies) in this process: look each class's rules up once
cacheValidationMetadata();

type PayloadClass = new () => object;

/** subject → payload class: the one place that says what each event carries. */
export const EVENT_PAYLOADS: Readonly<Record<string, PayloadClass>> = {
  [INTAKE_ORDER_RECEIVED_V1]: IntakeOrderReceivedV1,
  [INTAKE_STATUS_RECEIVED_V1]: IntakeStatusReceivedV1,
  [MENU_ORDER_MAPPED_V1]: MenuOrderMappedV1,
  [MENU_ORDER_NEEDS_ATTENTION_V1]: MenuOrderNeedsAttentionV1,
  [MENU_AVAILABILITY_CHANGED_V1]: MenuAvailabilityChangedV1,
  [ORDERS_CREATED_V1]: OrderCreatedV1,
  [ORDERS_PAYMENT_CHANGED_V1]: OrderPaymentChangedV1,
  [ORDERS_STATUS_CHANGED_V1]: OrderStatusChangedV1,
  [ORDERS_RELEASED_V1]: OrderReleasedV1,
  [ORDERS_STUCK_V1]: OrderStuckV1,
  [ORDERS_STORE_CONTROLS_CHANGED_V1]: StoreControlsChangedV1,
  [ORDERS_ITEMS_ADDED_V1]: OrderItemsAddedV1,
  [ORDERS_ITEMS_VOIDED_V1]: OrderItemsVoidedV1,
  [ORDERS_PRIORITY_CHANGED_V1]: OrderPriorityChangedV1,
  [ORDERS_PREP_TIME_CHANGED_V1]: OrderPrepTimeChangedV1,
  [KOT_TICKET_ROUTED_V1]: TicketRoutedV1,
  [KOT_TICKET_ACKNOWLEDGED_V1]: TicketAcknowledgedV1,
  [KOT_PRINT_FAILED_V1]: PrintFailedV1,
  [CMD_KOT_PRINT_V1]: PrintTicketCommandV1,
  [KOT_TICKET_BUMPED_V1]: TicketBumpedV1,
  [KOT_TICKET_RECALLED_V1]: TicketRecalledV1,
  [KOT_TICKET_PRINTED_V1]: TicketPrintedV1,
  [INTAKE_INTEGRATION_SAVED_V1]: IntakeIntegrationSavedV1,
  [STATUS_CALLBACK_FAILED_V1]: StatusCallbackFailedV1,
  [STATUS_CALLBACK_DELIVERED_V1]: StatusCallbackDeliveredV1,
};

/** Flattens class-validator errors into `path: constraint` strings. */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

export class InvalidEventError extends Error {
  constructor(
    readonly subject: string,
    readonly problems: string[],
  ) {
    super(`invalid ${subject} event: ${problems.slice(0, 10).join('; ')}`);
  }
}

/**
 * Validates an envelope and, when its subject is a known contract, its payload. Returns the
 * envelope with the payload as an instance of its class. Throws InvalidEventError naming every problem.
 */
export function parseEnvelope<T = unknown>(raw: unknown, subject: string): EventEnvelope<T> {
  const envelope = envelopeOf(raw);
  const problems = describeValidationErrors(validateSync(envelope));
  if (envelope && typeof envelope === 'object' && envelope.type !== subject) {
    problems.push(`type: ${String(envelope.type)} does not match the subject ${subject}`);
  }
  const payloadClass = EVENT_PAYLOADS[subject];
  if (problems.length === 0 && payloadClass) {
    const payload = plainToInstance(payloadClass, envelope.payload);
    problems.push(...describeValidationErrors(validateSync(payload), 'payload'));
    envelope.payload = payload;
  }
  if (problems.length > 0) {
    throw new InvalidEventError(subject, problems);
  }
  return envelope as EventEnvelope<T>;
}

/**
 * The envelope as an instance of its class. The payload is set as it came rather than copied: it is
 * transformed once, into its own class, below (a copy here was a second deep copy of every order).
 */
function envelopeOf(raw: unknown): EventEnvelope {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return plainToInstance(EventEnvelope, raw);
  const { payload, ...head } = raw as Record<string, unknown>;
  const envelope = plainToInstance(EventEnvelope, head);
  if (payload !== undefined) envelope.payload = payload;
  return envelope;
}
