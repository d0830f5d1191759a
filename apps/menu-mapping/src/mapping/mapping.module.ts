import { Module } from '@nestjs/common';
import { MenuModule } from '../menu/menu.module';
import { BrandMappingsController } from './brand-mappings.controller';
import { MappingScopes } from './mapping-scope';
import { MappingsRepository } from './mappings.repository';
import { SeenOrdersRepository } from './seen-orders.repository';
import { DryRunMappingUseCase } from './usecases/dry-run-mapping/dry-run-mapping.usecase';
import { EditMappingDraftUseCase } from './usecases/edit-mapping-draft/edit-mapping-draft.usecase';
import { GetMappingUseCase } from './usecases/get-mapping/get-mapping.usecase';
import { PublishMappingUseCase } from './usecases/publish-mapping/publish-mapping.usecase';
import { RollbackMappingUseCase } from './usecases/rollback-mapping/rollback-mapping.usecase';
import { SuggestMappingUseCase } from './usecases/suggest-mapping/suggest-mapping.usecase';
import { VenueMappingsController } from './venue-mappings.controller';

/** Platform code mappings per platform (brand-wide or per venue), versioned, with dry run and rollback. */
@Module({
  imports: [MenuModule],
  controllers: [VenueMappingsController, BrandMappingsController],
  providers: [
    MappingsRepository,
    SeenOrdersRepository,
    MappingScopes,
    GetMappingUseCase,
    EditMappingDraftUseCase,
    DryRunMappingUseCase,
    PublishMappingUseCase,
    RollbackMappingUseCase,
    SuggestMappingUseCase,
  ],
  exports: [MappingsRepository, SeenOrdersRepository, MappingScopes, SuggestMappingUseCase],
})
export class MappingModule {}
