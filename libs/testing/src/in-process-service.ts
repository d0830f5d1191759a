import type { INestApplication } from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { BaseEnv, loadEnv } from '@hub/config';
import type { EventEnvelope } from '@hub/contracts';
import { wireSubject } from '@hub/messaging';
import { ServiceDefinition, serviceUrl, startService } from '@hub/service-kit';
import { TestEnvironment } from './test-environment';

/** One service booted in the test's process on port 0, with a NATS connection to drive it by events. */
export class InProcessService {
  private constructor(
    readonly environment: TestEnvironment,
    readonly app: INestApplication,
    readonly url: string,
    readonly nc: NatsConnection,
  ) {}

  static async start<E extends BaseEnv>(options: {
    name: string;
    envClass: new () => E;
    module: (env: E) => unknown;
    portVariable: string;
    environment?: TestEnvironment;
    /** more environment variables for the service */
    env?: Record<string, string>;
    /** the service's own app configuration, as its main.ts passes it to startService */
    configure?: (env: E) => ServiceDefinition['configure'];
  }): Promise<InProcessService> {
    const environment = options.environment ?? (await TestEnvironment.create());
    const env = loadEnv(options.envClass, environment.env({ [options.portVariable]: '0', ...options.env }));
    const app = await startService({
      name: options.name,
      description: options.name,
      module: options.module(env) as never,
      env,
      port: 0,
      host: '127.0.0.1',
      configure: options.configure?.(env),
    });
    const nc = await connect({ servers: environment.natsUrl });
    return new InProcessService(environment, app, await serviceUrl(app), nc);
  }

  /** Publishes an event as the service that owns it would (Nats-Msg-Id = envelope id). */
  async publish(envelope: EventEnvelope): Promise<void> {
    await jetstream(this.nc).publish(
      wireSubject(this.environment.namespace, envelope.type),
      JSON.stringify(envelope),
      { msgID: envelope.id },
    );
  }

  async request(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async stop(): Promise<void> {
    await this.nc.close();
    await this.app.close();
    await this.environment.stop();
  }
}
