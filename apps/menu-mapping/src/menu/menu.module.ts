import { Module } from '@nestjs/common';
import { MenuController } from './menu.controller';
import { MenuHandlers } from './menu.handlers';
import { MenuItemsRepository } from './menu-items.repository';
import { MapOrderUseCase } from './usecases/map-order/map-order.usecase';
import { UpsertMenuItemUseCase } from './usecases/upsert-menu-item/upsert-menu-item.usecase';

@Module({
  controllers: [MenuController, MenuHandlers],
  providers: [MenuItemsRepository, MapOrderUseCase, UpsertMenuItemUseCase],
})
export class MenuModule {}
