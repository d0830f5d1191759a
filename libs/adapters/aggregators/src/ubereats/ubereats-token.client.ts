import type { PlatformApi } from '../core/aggregator-adapter';
import { PlatformApiError } from '../core/adapter.errors';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

/** Renew this long before the token's stated expiry, so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * OAuth 2.0 client-credentials tokens for the Uber Eats API, cached per client until shortly
 * before they expire. Concurrent callers share one token request.
 */
export class UberTokenClient {
  private readonly cache = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(private readonly now: () => number = Date.now) {}

  async token(api: PlatformApi, credentials: ClientCredentials): Promise<string> {
    const key = `${credentials.tokenUrl} ${credentials.clientId} ${credentials.scope}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) return cached.accessToken;
    let request = this.pending.get(key);
    if (!request) {
      request = this.request(api, credentials).finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    const fresh = await request;
    this.cache.set(key, fresh);
    return fresh.accessToken;
  }

  /** Drops a token the API refused (401), so the next attempt fetches a new one. */
  forget(credentials: ClientCredentials): void {
    this.cache.delete(`${credentials.tokenUrl} ${credentials.clientId} ${credentials.scope}`);
  }

  private async request(api: PlatformApi, credentials: ClientCredentials): Promise<CachedToken> {
    const body = new URLSearchParams({
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      grant_type: 'client_credentials',
      scope: credentials.scope,
    }).toString();
    const answer = (await api.fetchJson(credentials.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })) as { access_token?: unknown; expires_in?: unknown } | undefined;
    const accessToken = answer?.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new PlatformApiError(credentials.tokenUrl, 200, 'the token answer has no access_token');
    }
    const expiresIn = typeof answer?.expires_in === 'number' ? answer.expires_in : 3600;
    return { accessToken, expiresAt: this.now() + expiresIn * 1000 };
  }
}
