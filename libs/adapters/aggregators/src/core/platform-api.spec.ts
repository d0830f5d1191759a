import { startLocalApi } from '../../test/local-api-server';
import { PlatformApiError } from './adapter.errors';
import { createPlatformApi } from './platform-api';

describe('createPlatformApi', () => {
  it('sends JSON requests and parses JSON answers; anything else is a PlatformApiError', async () => {
    const server = await startLocalApi((request) => {
      if (request.path === '/ok') return { body: { echo: request.body, method: request.method } };
      if (request.path === '/text') return { body: 'not json' };
      return { status: 500, body: { error: 'boom' } };
    });
    const api = createPlatformApi(fetch, { timeoutMs: 2_000 });
    try {
      await expect(api.fetchJson(`${server.baseUrl}/ok`, { method: 'POST', body: 'hi' })).resolves.toEqual({
        echo: 'hi',
        method: 'POST',
      });
      await expect(api.fetchJson(`${server.baseUrl}/text`)).rejects.toThrow('the answer is not JSON');
      const failure = await api.fetchJson(`${server.baseUrl}/fail`).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PlatformApiError);
      expect((failure as PlatformApiError).retryable).toBe(true);
    } finally {
      await server.close();
    }
    const down = await api.fetchJson(server.baseUrl).catch((error: unknown) => error);
    expect(down).toBeInstanceOf(PlatformApiError);
    expect((down as PlatformApiError).status).toBeUndefined();
  });
});
