import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { ServiceKitModule } from '@hub/service-kit';
import { CreateReportingSchema1763800000000 } from '../migrations/1763800000000-CreateReportingSchema';
import { CreateReadModels1764100000000 } from '../migrations/1764100000000-CreateReadModels';
import { AddVoidedLines1764200000000 } from '../migrations/1764200000000-AddVoidedLines';
import type { ReportingEnv } from './config/env.dto';
import { REPORTING_SERVICE } from './constants/reporting-service.constant';
import { ProjectionsModule } from './projections/projections.module';
import { ReadModelModule } from './read-model/read-model.module';
import { ReportsModule } from './reports/reports.module';
import { VenuesModule } from './venues/venues.module';

export { REPORTING_SERVICE };

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
          migrations: [
            CreateReportingSchema1763800000000,
            CreateReadModels1764100000000,
            AddVoidedLines1764200000000,
          ],
        }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET }),
        ReadModelModule.forRoot({ defaultPrepMinutes: env.REPORTING_DEFAULT_PREP_MINUTES }),
        ProjectionsModule,
        VenuesModule,
        ReportsModule,
      ],
    };
  }
}
