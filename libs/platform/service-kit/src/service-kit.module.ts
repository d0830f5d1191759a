import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { BaseEnv } from '@hub/config';
import { LoggingModule } from '@hub/logging';
import { MessagingModule } from '@hub/messaging';
import { serviceDataSourceOptions, ServiceDataSourceConfig } from '@hub/persistence';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

export interface ServiceKitOptions {
  service: string;
  env: BaseEnv;
  schema: string;
  entities: ServiceDataSourceConfig['entities'];
  migrations: ServiceDataSourceConfig['migrations'];
}

/**
 * What every service has: JSON logs with correlation ids, its Postgres schema through TypeORM,
 * JetStream with the outbox, `/health/live`, `/health/ready` and `/metrics`.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    const { env } = options;
    return {
      module: ServiceKitModule,
      imports: [
        LoggingModule.forRoot({ service: options.service, level: env.LOG_LEVEL, format: env.LOG_FORMAT }),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: env.DATABASE_URL,
            schema: options.schema,
            service: options.service,
            entities: options.entities,
            migrations: options.migrations,
          }),
        ),
        MessagingModule.forRoot({
          service: options.service,
          natsUrl: env.NATS_URL,
          namespace: env.NATS_NAMESPACE,
          ackWaitMs: env.NATS_ACK_WAIT_MS,
          concurrency: env.EVENT_CONCURRENCY,
          maxDeliver: env.EVENT_MAX_DELIVER,
          faultKillBeforeAck: env.HUB_FAULT_KILL_BEFORE_ACK,
        }),
        TerminusModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
