import { TextDecoder } from 'node:util';
import type { DeliveryEvidence, DeliverySummary } from '../orders/deliveries.repository';
import type { DeliveryEvidenceDto, DeliverySummaryDto } from './dto/delivery.dto';

const MASK = '********';

/** Header names that carry a signature, a key or a token: shown masked, never in clear. */
const SECRET_HEADER = /(signature|hmac|auth|token|secret|key|password|credential|cookie)/i;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function toDeliverySummaryDto(delivery: DeliverySummary): DeliverySummaryDto {
  return {
    id: delivery.id,
    platform: delivery.platform,
    kind: delivery.kind,
    state: delivery.state,
    receivedBy: delivery.receivedBy,
    receivedAt: delivery.receivedAt.toISOString(),
    attempts: delivery.fetchAttempts,
    ...(delivery.nextAttemptAt ? { nextAttemptAt: delivery.nextAttemptAt.toISOString() } : {}),
    retries: delivery.retries,
    ...(delivery.retriedAt ? { lastRetriedAt: delivery.retriedAt.toISOString() } : {}),
    ...(delivery.error ? { error: delivery.error } : {}),
    dedupeKey: delivery.dedupeKey,
    orderAnnounced: delivery.orderAnnounced,
  };
}

/**
 * The evidence view: the body as received and the headers kept with it, every header whose name
 * says it carries a signature, key or token masked, and so is `alsoMask` (the header a declarative
 * integration's mapping authenticates with, whatever its name).
 */
export function toDeliveryEvidenceDto(delivery: DeliveryEvidence, alsoMask?: string): DeliveryEvidenceDto {
  const masked = alsoMask?.toLowerCase();
  const headers = Object.fromEntries(
    Object.entries(delivery.headers)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [name, SECRET_HEADER.test(name) || name === masked ? MASK : value]),
  );
  return {
    ...toDeliverySummaryDto(delivery),
    ...bodyOf(delivery),
    bodySha256: delivery.bodySha256,
    headers,
  };
}

function bodyOf(delivery: DeliveryEvidence): Pick<DeliveryEvidenceDto, 'body' | 'bodyEncoding'> {
  if (!delivery.rawBody) return { body: JSON.stringify(delivery.body ?? null), bodyEncoding: 'utf8' };
  try {
    return { body: strictUtf8.decode(delivery.rawBody), bodyEncoding: 'utf8' };
  } catch {
    return { body: delivery.rawBody.toString('base64'), bodyEncoding: 'base64' };
  }
}
