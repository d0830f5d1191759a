import { Injectable } from '@nestjs/common';
import {
  type CallbackAuth,
  type CallbackPlan,
  type CallbackRequest,
  type ClientCredentials,
  createPlatformApi,
  type PlatformApi,
  UberTokenClient,
} from '@hub/aggregators';

/** A call that did not succeed: the platform's HTTP status when it answered, and a short, secret-free reason. */
export class CallbackSendError extends Error {
  constructor(
    readonly httpStatus: number | undefined,
    readonly reason: string,
    readonly action: string,
  ) {
    super(reason);
    this.name = 'CallbackSendError';
  }
}

export interface SendResult {
  httpStatus: number | undefined;
  action: string;
  /** the last answer's parsed JSON, when there was one */
  answer: unknown;
  /** false when the platform already was where we wanted it (a plan's `next` found nothing to do) */
  wrote: boolean;
}

export type FetchFn = typeof fetch;

/**
 * Executes a callback plan over HTTP: resolves its auth (OAuth client-credentials tokens are cached
 * until shortly before expiry and shared by concurrent calls, the Uber token client pattern; a 401
 * drops the token and the call is made once more with a fresh one), enforces the attempt's deadline,
 * and follows read-then-write plans. Reasons never carry a secret, a token or a body.
 */
@Injectable()
export class CallbackSender {
  private readonly tokens = new UberTokenClient();
  private readonly tokenApi: PlatformApi;

  constructor(private readonly fetchFn: FetchFn = fetch) {
    this.tokenApi = createPlatformApi((url, init) => this.fetchFn(url, init), { timeoutMs: 10_000 });
  }

  async execute(
    plan: CallbackPlan,
    signal: AbortSignal,
    deadline: number,
    timeoutMs: number,
  ): Promise<SendResult> {
    let step: CallbackPlan | undefined = plan;
    let result: SendResult = { httpStatus: undefined, action: plan.action, answer: undefined, wrote: false };
    while (step) {
      const { status, answer } = await this.call(step, signal, deadline, timeoutMs);
      result = { httpStatus: status, action: step.action, answer, wrote: !step.next };
      step = step.next?.(answer);
    }
    return result;
  }

  private async call(
    plan: CallbackPlan,
    signal: AbortSignal,
    deadline: number,
    timeoutMs: number,
  ): Promise<{ status: number; answer: unknown }> {
    let response = await this.send(plan, signal, deadline, timeoutMs);
    if (response.status === 401 && plan.request.auth.kind === 'oauth-client-credentials') {
      this.tokens.forget(credentialsOf(plan.request.auth));
      response = await this.send(plan, signal, deadline, timeoutMs);
    }
    if (response.status < 200 || response.status >= 300) {
      throw new CallbackSendError(
        response.status,
        `${plan.action}: answered ${response.status}`,
        plan.action,
      );
    }
    let answer: unknown;
    try {
      answer = response.text === '' ? undefined : (JSON.parse(response.text) as unknown);
    } catch {
      answer = undefined;
    }
    return { status: response.status, answer };
  }

  private async send(
    plan: CallbackPlan,
    signal: AbortSignal,
    deadline: number,
    timeoutMs: number,
  ): Promise<{ status: number; text: string }> {
    const remaining = Math.min(timeoutMs, deadline - Date.now());
    if (remaining <= 0)
      throw new CallbackSendError(undefined, `${plan.action}: no time left in the lease`, plan.action);
    const request = plan.request;
    const headers = { ...request.headers, ...(await this.authHeaders(request, plan.action)) };
    try {
      const response = await this.fetchFn(request.url, {
        method: request.method,
        headers,
        body: request.body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(remaining)]),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      if (signal.aborted)
        throw new CallbackSendError(undefined, `${plan.action}: aborted (shutting down)`, plan.action);
      const name = (error as Error).name === 'TimeoutError' ? 'timed out' : networkReason(error);
      throw new CallbackSendError(undefined, `${plan.action}: ${name}`, plan.action);
    }
  }

  private async authHeaders(request: CallbackRequest, action: string): Promise<Record<string, string>> {
    const auth = request.auth;
    switch (auth.kind) {
      case 'none':
        return {};
      case 'bearer':
        return { authorization: `Bearer ${auth.token}` };
      case 'basic':
        return {
          authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
        };
      case 'header':
        return { [auth.name]: auth.value };
      case 'oauth-client-credentials':
        try {
          return { authorization: `Bearer ${await this.tokens.token(this.tokenApi, credentialsOf(auth))}` };
        } catch (error) {
          const status = (error as { status?: number }).status;
          throw new CallbackSendError(
            status,
            `${action}: the OAuth token request ${status === undefined ? 'failed' : `answered ${status}`}`,
            action,
          );
        }
    }
  }
}

function credentialsOf(auth: Extract<CallbackAuth, { kind: 'oauth-client-credentials' }>): ClientCredentials {
  return {
    tokenUrl: auth.tokenUrl,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    scope: auth.scope,
  };
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code ? `network error ${code}` : 'network error';
}
