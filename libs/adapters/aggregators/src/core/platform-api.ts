import type { PlatformApi, PlatformApiRequest } from './aggregator-adapter';
import { PlatformApiError } from './adapter.errors';

/** The part of the WHATWG fetch an adapter needs; Node's global fetch fits, and so does a test double. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface PlatformApiOptions {
  /** per request; the platforms' own deadlines leave a few seconds at most */
  timeoutMs?: number;
}

/** A PlatformApi over an injected fetch: JSON in and out, a PlatformApiError for anything but a 2xx JSON answer. */
export function createPlatformApi(fetchImpl: FetchLike, options: PlatformApiOptions = {}): PlatformApi {
  const timeoutMs = options.timeoutMs ?? 8_000;
  return {
    async fetchJson(url: string, init: PlatformApiRequest = {}): Promise<unknown> {
      let response: Awaited<ReturnType<FetchLike>>;
      let text: string;
      try {
        response = await fetchImpl(url, {
          method: init.method ?? 'GET',
          headers: { accept: 'application/json', ...init.headers },
          body: init.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        throw new PlatformApiError(url, undefined, error instanceof Error ? error.message : String(error));
      }
      if (!response.ok) throw new PlatformApiError(url, response.status, text.slice(0, 300));
      try {
        return text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        throw new PlatformApiError(url, response.status, 'the answer is not JSON');
      }
    },
  };
}
