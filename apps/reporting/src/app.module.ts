import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { ServiceKitModule } from '@hub/service-kit';
import { CreateReportingSchema1763800000000 } from '../migrations/1763800000000-CreateReportingSchema';
import type { ReportingEnv } from './config/env.dto';

export const REPORTING_SERVICE = 'reporting';

@Module({})
export class AppModule {
  static forRoot(env: ReportingEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          service: REPORTING_SERVICE,
          env,
          schema: 'reporting',
          entities: [],
          migrations: [CreateReportingSchema1763800000000],
        }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET }),
      ],
    };
  }
}
