import { Injectable } from '@nestjs/common';
import type { UpsertMenuItemDto } from '../../dto/menu-item.dto';
import type { MenuItemEntity } from '../../entities/menu-item.entity';
import { MenuItemsRepository } from '../../menu-items.repository';

@Injectable()
export class UpsertMenuItemUseCase {
  constructor(private readonly items: MenuItemsRepository) {}

  execute(venueId: string, code: string, body: UpsertMenuItemDto): Promise<MenuItemEntity> {
    return this.items.upsert(venueId, code, { ...body, available: body.available ?? true });
  }
}
