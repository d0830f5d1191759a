import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AdapterCapabilityUnsupported } from '@hub/aggregators';
import {
  createEnvelope,
  STATUS_CALLBACK_DELIVERED_V1,
  STATUS_CALLBACK_FAILED_V1,
  type StatusCallbackDeliveredV1,
  type StatusCallbackFailedV1,
} from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import type { OrderStatus } from '@hub/order-model';
import type { EntityManager } from 'typeorm';
import { backoffDelayMs, isPermanentFailure } from './callback-policy.util';
import { CallbackBuildError, CallbackPlans } from './callback-plans.service';
import { CallbackSendError, CallbackSender } from './callback-sender.service';
import type { CallbackRow, JiraPayload } from './callback.type';
import { CallbacksRepository } from './callbacks.repository';
import {
  callbackAttemptSeconds,
  callbackOutcomes,
  setBreakerSource,
  setCallbackCountsSource,
} from './callbacks.metrics';
import { CircuitBreakers } from './circuit-breaker';
import { WORKER_OPTIONS } from './constants/worker-options.constant';
import { PlatformRateLimiter } from './rate-limiter';

export interface WorkerOptions {
  pollMs: number;
  concurrency: number;
  leaseMs: number;
  timeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxAttempts: number;
  maxAgeMs: number;
  shutdownGraceMs: number;
  breakerThreshold: number;
  breakerWindowMs: number;
  breakerCooldownMs: number;
  jiraEnabled: boolean;
}

/**
 * Sends due callbacks. Polls every `pollMs` and is woken right after each insert; claims with a
 * lease (SKIP LOCKED, so replicas share the work); never more than `concurrency` calls in flight.
 *
 * Delivery is at least once: a callback is marked sent only after the platform answered 2xx, so a
 * worker that dies between the platform applying the call and our commit of "sent" leaves the row
 * `sending` until its lease expires, and the call is made again (with the same idempotency key,
 * which Square honours). That window is the call's duration plus one commit. Nothing is lost:
 * every callback is a row before the event that caused it is acked.
 */
@Injectable()
export class CallbackWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CallbackWorker.name);
  private readonly owner = `status-sync:${randomUUID()}`;
  private readonly inflight = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopping = false;
  private lastAgeSweep = 0;

  constructor(
    private readonly callbacks: CallbacksRepository,
    private readonly plans: CallbackPlans,
    private readonly sender: CallbackSender,
    private readonly events: EventTransaction,
    private readonly breakers: CircuitBreakers,
    private readonly limiter: PlatformRateLimiter,
    @Inject(WORKER_OPTIONS) private readonly options: WorkerOptions,
  ) {
    this.breakers.onChange = (key, state) => this.logger.warn(`circuit breaker ${key} ${state}`);
  }

  onApplicationBootstrap(): void {
    setCallbackCountsSource(() => this.callbacks.countsByState());
    setBreakerSource(() => this.breakers.notClosed());
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /**
   * Stops claiming, lets calls in flight finish for up to `shutdownGraceMs`, then aborts the rest
   * and leaves them leased: their lease expires and a replica (or the next start) retries them,
   * exactly as after a crash.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    setCallbackCountsSource(undefined);
    setBreakerSource(undefined);
    const pending = [...this.inflight.values()];
    if (pending.length > 0 && this.options.shutdownGraceMs > 0) {
      await Promise.race([
        Promise.all(pending.map((p) => p.done)),
        new Promise((resolve) => setTimeout(resolve, this.options.shutdownGraceMs).unref()),
      ]);
    }
    for (const { abort } of this.inflight.values()) abort.abort();
    await Promise.all([...this.inflight.values()].map((p) => p.done));
  }

  /** Look for due callbacks now (after an insert, a retry, a finished call). */
  wake(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.loop()
      .catch((error: Error) => this.logger.error(`callback worker: ${error.message}`))
      .finally(() => {
        this.running = false;
      });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if (Date.now() - this.lastAgeSweep >= this.options.pollMs) {
        this.lastAgeSweep = Date.now();
        await this.sweepAged();
      }
      const free = this.options.concurrency - this.inflight.size;
      if (free <= 0 || this.stopping) return;
      const claimed = await this.callbacks.claim(
        this.owner,
        free,
        this.options.leaseMs,
        this.options.breakerCooldownMs,
      );
      for (const row of claimed) this.start(row);
      if (claimed.length === free) this.again = true;
    } while (this.again && !this.stopping);
  }

  private start(row: CallbackRow): void {
    const abort = new AbortController();
    const leasedAt = Date.now();
    const done = this.process(row, abort.signal, leasedAt)
      .catch((error: Error) =>
        this.logger.error(`callback ${row.id} (${row.kind} ${row.target}): ${error.message}`),
      )
      .finally(() => {
        this.inflight.delete(row.id);
        this.wake();
      });
    this.inflight.set(row.id, { abort, done });
  }

  private async process(row: CallbackRow, signal: AbortSignal, leasedAt: number): Promise<void> {
    let plan;
    try {
      plan = await this.plans.build(row);
    } catch (error) {
      if (error instanceof AdapterCapabilityUnsupported) {
        await this.callbacks.markUnsupported(row.id, this.owner, error.message);
        callbackOutcomes.inc({ kind: row.kind, target: row.target, outcome: 'unsupported' });
        return;
      }
      if (!(error instanceof CallbackBuildError)) throw error;
      const attempt = await this.callbacks.startAttempt(row.id, this.owner, 'prepare');
      if (attempt !== null) await this.failed(row, attempt, undefined, error.message, 'prepare');
      return;
    }
    const admission = await this.breakers.tryAcquire(row.breaker_key, this.owner);
    if (!admission.allowed) {
      await this.callbacks.release(row.id, this.owner, admission.retryAt);
      return;
    }
    // a call to the platform needs one of its tokens (shared by all replicas); none left: the
    // callback is deferred to when one will be there, with no attempt counted and nothing for the breaker
    const token = plan ? await this.limiter.take(row.target) : { taken: true as const };
    if (!token.taken) {
      if (admission.probe) await this.breakers.release(row.breaker_key, this.owner);
      await this.callbacks.release(row.id, this.owner, token.retryAt);
      callbackOutcomes.inc({ kind: row.kind, target: row.target, outcome: 'rate_limited' });
      return;
    }
    const action = plan?.action ?? 'nothing to send';
    const attempt = await this.callbacks.startAttempt(row.id, this.owner, action);
    if (attempt === null) {
      if (admission.probe) await this.breakers.release(row.breaker_key, this.owner);
      return;
    }
    if (!plan) {
      await this.breakers.success(row.breaker_key);
      await this.callbacks.markSent(
        row.id,
        this.owner,
        attempt,
        undefined,
        'nothing to tell the platform',
        action,
      );
      return;
    }
    const timer = callbackAttemptSeconds.startTimer({ target: row.target });
    try {
      const deadline = leasedAt + this.options.leaseMs - 250;
      const result = await this.sender.execute(plan, signal, deadline, this.options.timeoutMs);
      await this.breakers.success(row.breaker_key);
      const resultRef =
        row.kind === 'jira' ? (result.answer as { key?: unknown } | undefined)?.key : undefined;
      const markSent = (manager?: EntityManager) =>
        this.callbacks.markSent(
          row.id,
          this.owner,
          attempt,
          result.httpStatus,
          result.wrote ? `${result.action}: answered ${result.httpStatus}` : `${result.action}: already done`,
          result.action,
          typeof resultRef === 'string' ? resultRef : undefined,
          manager,
        );
      if (row.kind === 'status' && row.order_id && row.status && result.httpStatus) {
        // marked sent and `status.v1.callback-delivered` in one transaction
        const httpStatus = result.httpStatus;
        await this.events.run(async ({ manager, emit }) => {
          if (await markSent(manager)) emit(deliveredEvent(row, attempt, httpStatus));
        });
      } else {
        await markSent(); // nothing to announce: one autocommit statement
      }
      callbackOutcomes.inc({ kind: row.kind, target: row.target, outcome: 'sent' });
    } catch (error) {
      if (signal.aborted && this.stopping) return; // left leased: retried after the lease, like a crash
      if (!(error instanceof CallbackSendError)) throw error;
      await this.breakers.failure(row.breaker_key, this.owner);
      await this.failed(row, attempt, error.httpStatus, error.reason, error.action);
    } finally {
      timer();
    }
  }

  /** A failed attempt: retried with backoff, or dead (refused for good, out of attempts, or too old). */
  private async failed(
    row: CallbackRow,
    attempt: number,
    httpStatus: number | undefined,
    reason: string,
    action: string,
  ): Promise<void> {
    const since =
      row.retried_at?.getTime() ?? Math.max(row.created_at.getTime(), row.not_before?.getTime() ?? 0);
    const tries = attempt - row.attempts_before_retry;
    const deadReason = isPermanentFailure(httpStatus)
      ? `${reason} (refused for good)`
      : tries >= this.options.maxAttempts
        ? `${reason} (after ${tries} attempts)`
        : Date.now() - since >= this.options.maxAgeMs
          ? `${reason} (not delivered within ${Math.round(this.options.maxAgeMs / 1000)} s)`
          : undefined;
    if (!deadReason) {
      const delay = backoffDelayMs(tries, this.options.backoffBaseMs, this.options.backoffMaxMs);
      await this.callbacks.markFailed(
        row.id,
        this.owner,
        attempt,
        httpStatus,
        reason,
        action,
        new Date(Date.now() + delay),
      );
      callbackOutcomes.inc({ kind: row.kind, target: row.target, outcome: 'failed' });
      return;
    }
    await this.events.run(async ({ manager, emit }) => {
      const dead = await this.callbacks.markDead(
        manager,
        row.id,
        this.owner,
        attempt,
        httpStatus,
        deadReason,
        action,
      );
      if (dead) await this.deadLetter(manager, dead, emit);
    });
    callbackOutcomes.inc({ kind: row.kind, target: row.target, outcome: 'dead' });
    this.logger.warn(`callback ${row.id} (${row.kind} ${row.target}) is dead: ${deadReason}`);
  }

  /** Callbacks that aged out while waiting (behind a dead one, or a breaker) go dead too. */
  private async sweepAged(): Promise<void> {
    await this.events.run(async ({ manager, emit }) => {
      const aged = await this.callbacks.deadByAge(manager, this.options.maxAgeMs);
      for (const dead of aged) {
        await this.deadLetter(manager, dead, emit);
        callbackOutcomes.inc({ kind: dead.kind, target: dead.target, outcome: 'dead' });
      }
    });
  }

  /** In the dead letter's transaction: `status.v1.callback-failed`, and one Jira issue per order (when configured). */
  private async deadLetter(
    manager: Parameters<CallbacksRepository['insert']>[0],
    dead: CallbackRow,
    emit: (envelope: ReturnType<typeof createEnvelope>) => void,
  ): Promise<void> {
    const attempts = await this.callbacks.lastAttempts(manager, dead.id);
    const payload: StatusCallbackFailedV1 = {
      callbackId: dead.id,
      kind: dead.kind,
      target: dead.target,
      ...(dead.order_id ? { orderId: dead.order_id } : {}),
      ...(dead.external_id ? { externalId: dead.external_id } : {}),
      ...(dead.status ? { status: dead.status as OrderStatus } : {}),
      ...(dead.item_code ? { itemCode: dead.item_code } : {}),
      attempts: dead.attempts,
      reason: (dead.last_reason ?? 'dead').slice(0, 500),
      lastAttempts: attempts,
      at: new Date().toISOString(),
    };
    emit(
      createEnvelope(STATUS_CALLBACK_FAILED_V1, payload, {
        venueId: dead.venue_id,
        aggregateType: 'callback',
        aggregateId: dead.id,
        correlationId: dead.correlation_id,
      }),
    );
    if (this.options.jiraEnabled && dead.kind !== 'jira' && dead.order_id) {
      const issue: JiraPayload = {
        orderId: dead.order_id,
        ...(dead.external_id ? { externalId: dead.external_id } : {}),
        ...(displayNumberOf(dead) ? { displayNumber: displayNumberOf(dead) } : {}),
        venueId: dead.venue_id,
        target: dead.target,
        ...(dead.status ? { status: dead.status } : {}),
        callbackId: dead.id,
        attempts: dead.attempts,
        reason: payload.reason,
      };
      await this.callbacks.insert(manager, {
        kind: 'jira',
        venueId: dead.venue_id,
        target: 'jira',
        breakerKey: 'jira',
        subjectKey: `jira:${dead.order_id}`,
        seq: 0,
        orderId: dead.order_id,
        externalId: dead.external_id ?? undefined,
        correlationId: dead.correlation_id,
        dedupeKey: `jira:${dead.order_id}`,
        payload: issue,
        state: 'pending',
      });
    }
  }
}

function displayNumberOf(row: CallbackRow): string | undefined {
  const order = (row.payload as { order?: { displayNumber?: unknown } } | null)?.order;
  return typeof order?.displayNumber === 'string' ? order.displayNumber : undefined;
}

/** A platform answered 2xx to an order's status callback. */
function deliveredEvent(row: CallbackRow, attempts: number, httpStatus: number) {
  return createEnvelope<StatusCallbackDeliveredV1>(
    STATUS_CALLBACK_DELIVERED_V1,
    {
      callbackId: row.id,
      orderId: row.order_id!,
      venueId: row.venue_id,
      platform: row.target,
      status: row.status as OrderStatus,
      attempts,
      deliveredAt: new Date().toISOString(),
      httpStatus,
    },
    {
      venueId: row.venue_id,
      aggregateType: 'callback',
      aggregateId: row.id,
      correlationId: row.correlation_id,
    },
  );
}
