import type { OrderStatus } from '@hub/order-model';

/** The platform cannot express this; the caller skips it rather than approximate. */
export class AdapterCapabilityUnsupported extends Error {
  constructor(
    readonly platform: string,
    readonly capability: string,
  ) {
    super(`${platform} cannot ${capability}`);
    this.name = 'AdapterCapabilityUnsupported';
  }

  static status(platform: string, status: OrderStatus): AdapterCapabilityUnsupported {
    return new AdapterCapabilityUnsupported(platform, `express the status "${status}"`);
  }
}

/** A delivery whose body is not what the platform documents. The message names the field and why. */
export class MalformedPayloadError extends Error {
  constructor(
    readonly platform: string,
    readonly problems: readonly string[],
  ) {
    super(`malformed ${platform} payload: ${problems.slice(0, 10).join('; ')}`);
    this.name = 'MalformedPayloadError';
  }
}

/** A call to the platform API failed: transient (retry later) unless the platform said the request was wrong. */
export class PlatformApiError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(
      `platform API ${status === undefined ? 'unreachable' : `answered ${status}`} for ${url}: ${detail}`,
    );
    this.name = 'PlatformApiError';
  }

  /** 408, 429, 5xx and network failures are worth retrying; other 4xx are not. */
  get retryable(): boolean {
    return this.status === undefined || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}
