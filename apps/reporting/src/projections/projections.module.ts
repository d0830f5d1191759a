import { Module } from '@nestjs/common';
import { ProjectionsHandlers } from './projections.handlers';
import { ProjectEventsUseCase } from './usecases/project-events/project-events.usecase';
import { RebuildReadModelsUseCase } from './usecases/rebuild-read-models/rebuild-read-models.usecase';

/** Events → read models, live (the handlers) or from the streams' start (the rebuild). */
@Module({
  controllers: [ProjectionsHandlers],
  providers: [ProjectEventsUseCase, RebuildReadModelsUseCase],
  exports: [RebuildReadModelsUseCase],
})
export class ProjectionsModule {}
