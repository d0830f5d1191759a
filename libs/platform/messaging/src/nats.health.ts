import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from './constants/nats-connection.constant';

/** Ready when the connection is open and the server answers a round trip. */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'nats', timeoutMs = 1000) {
    const indicator = this.health.check(key);
    if (this.nc.isClosed()) return indicator.down({ message: 'connection closed' });
    try {
      const rtt = await Promise.race([
        this.nc.rtt(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref(),
        ),
      ]);
      return indicator.up({ rttMs: Math.round(rtt * 100) / 100 });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
