import { Module } from '@nestjs/common';
import { ProjectionsHandlers } from './projections.handlers';
import { ProjectOrderEventUseCase } from './usecases/project-order-event/project-order-event.usecase';
import { ProjectTicketEventUseCase } from './usecases/project-ticket-event/project-ticket-event.usecase';
import { RebuildReadModelsUseCase } from './usecases/rebuild-read-models/rebuild-read-models.usecase';

/** Events → read models, live (the handlers) or from the streams' start (the rebuild). */
@Module({
  controllers: [ProjectionsHandlers],
  providers: [ProjectOrderEventUseCase, ProjectTicketEventUseCase, RebuildReadModelsUseCase],
  exports: [RebuildReadModelsUseCase],
})
export class ProjectionsModule {}
