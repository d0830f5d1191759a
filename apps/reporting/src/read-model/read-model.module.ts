import { DynamicModule, Module } from '@nestjs/common';
import { REPORTING_SETTINGS } from '../constants/reporting-settings.constant';
import { FactWriterService } from './fact-writer.service';
import type { ProjectionSettings } from './order-fact';
import { ReadModelRepository } from './read-model.repository';

/** The read models' tables and the one way to change a fact with its aggregates. */
@Module({})
export class ReadModelModule {
  static forRoot(settings: ProjectionSettings): DynamicModule {
    return {
      module: ReadModelModule,
      global: true,
      providers: [
        { provide: REPORTING_SETTINGS, useValue: settings },
        ReadModelRepository,
        FactWriterService,
      ],
      exports: [REPORTING_SETTINGS, ReadModelRepository, FactWriterService],
    };
  }
}
