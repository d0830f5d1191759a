import { Counter } from 'prom-client';

/** Polls by platform and outcome (`success`, `failure`), scheduled or manual. */
export const pollRuns = new Counter({
  name: 'hub_intake_polls_total',
  help: 'Polls of a platform order list by platform, trigger (schedule, manual) and outcome (success, failure)',
  labelNames: ['platform', 'trigger', 'outcome'] as const,
});

/** Failed polls by platform and reason (`api`, `config`, `malformed`, `lease`, `error`). */
export const pollFailures = new Counter({
  name: 'hub_intake_poll_failures_total',
  help: 'Failed polls by platform and reason (api, config, malformed, lease, error); retried with backoff',
  labelNames: ['platform', 'reason'] as const,
});

/** Orders a poll listed, by platform and what became of them (`new`, `duplicate`, `needs_attention`). */
export const polledOrders = new Counter({
  name: 'hub_intake_polled_orders_total',
  help: 'Orders listed by polls, by platform and outcome (new, duplicate, needs_attention)',
  labelNames: ['platform', 'outcome'] as const,
});
