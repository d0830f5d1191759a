import { Counter, Gauge, Histogram } from 'prom-client';

export const eventsHandled = new Counter({
  name: 'hub_events_handled_total',
  help: 'Events a consumer finished, by subject and outcome (applied, duplicate, retried, dead_lettered)',
  labelNames: ['consumer', 'subject', 'outcome'] as const,
});

export const eventHandleSeconds = new Histogram({
  name: 'hub_event_handle_seconds',
  help: 'Time from receipt to ack of an event',
  labelNames: ['consumer', 'subject'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

export const outboxPublished = new Counter({
  name: 'hub_outbox_published_total',
  help: 'Outbox rows published to JetStream, by path (after_commit or sweep)',
  labelNames: ['path'] as const,
});

export const outboxBacklog = new Gauge({
  name: 'hub_outbox_backlog',
  help: 'Outbox rows waiting to be published at the last sweep',
});
