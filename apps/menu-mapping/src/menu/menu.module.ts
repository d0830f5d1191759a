import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AvailabilityController } from './availability.controller';
import { AvailabilityRepository } from './availability.repository';
import { BrandsController } from './brands.controller';
import { CsvBodyMiddleware } from './csv-body.middleware';
import { MenuImportRepository } from './menu-import.repository';
import { MenuRepository } from './menu.repository';
import { ExpireAvailabilityUseCase } from './usecases/expire-availability/expire-availability.usecase';
import { GetMenuUseCase } from './usecases/get-menu/get-menu.usecase';
import { ImportMenuUseCase } from './usecases/import-menu/import-menu.usecase';
import { SaveBrandUseCase } from './usecases/save-brand/save-brand.usecase';
import { SaveVenueUseCase } from './usecases/save-venue/save-venue.usecase';
import { SetAvailabilityUseCase } from './usecases/set-availability/set-availability.usecase';
import { SetItemOverrideUseCase } from './usecases/set-item-override/set-item-override.usecase';
import { UpsertVenueItemUseCase } from './usecases/upsert-venue-item/upsert-venue-item.usecase';
import { VenueMenuController } from './venue-menu.controller';

/** The brand menu, venue overrides, POS imports and availability (86). */
@Module({
  controllers: [BrandsController, VenueMenuController, AvailabilityController],
  providers: [
    MenuRepository,
    MenuImportRepository,
    AvailabilityRepository,
    GetMenuUseCase,
    SaveBrandUseCase,
    SaveVenueUseCase,
    UpsertVenueItemUseCase,
    SetItemOverrideUseCase,
    ImportMenuUseCase,
    SetAvailabilityUseCase,
    ExpireAvailabilityUseCase,
  ],
  exports: [MenuRepository],
})
export class MenuModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(CsvBodyMiddleware)
      .forRoutes({ path: 'v1/brands/:brandId/menu/import/csv', method: RequestMethod.POST });
  }
}
