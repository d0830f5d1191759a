import { localHourBucket } from './local-time.util';

/** What the reports know of one kitchen ticket (a row of `ticket_facts`). */
export interface TicketFact {
  ticketId: string;
  orderId: string;
  venueId: string;
  station: string;
  /** new, addition or void; null until kot.v1.ticket-routed is seen */
  kind: string | null;
  seq: number | null;
  routedAt: Date | null;
  acknowledgedAt: Date | null;
  bumpedAt: Date | null;
  /** the venue-local hour of routedAt this ticket is counted in */
  bucketStart: Date | null;
  localHour: number | null;
  localDow: number | null;
}

export function emptyTicketFact(
  ticketId: string,
  orderId: string,
  venueId: string,
  station: string,
): TicketFact {
  return {
    ticketId,
    orderId,
    venueId,
    station,
    kind: null,
    seq: null,
    routedAt: null,
    acknowledgedAt: null,
    bumpedAt: null,
    bucketStart: null,
    localHour: null,
    localDow: null,
  };
}

export function placeTicket(fact: TicketFact, timeZone: string): TicketFact {
  if (!fact.routedAt) return { ...fact, bucketStart: null, localHour: null, localDow: null };
  const bucket = localHourBucket(fact.routedAt, timeZone);
  return { ...fact, bucketStart: bucket.start, localHour: bucket.hour, localDow: bucket.dayOfWeek };
}
