import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MenuItemEntity } from './entities/menu-item.entity';

export type MenuItemValues = Pick<MenuItemEntity, 'name' | 'price' | 'currency' | 'station' | 'available'>;

@Injectable()
export class MenuItemsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates or updates the item with this code at the venue; its id stays the same across updates. */
  async upsert(venueId: string, code: string, values: MenuItemValues): Promise<MenuItemEntity> {
    const [row] = await this.dataSource.query(
      `INSERT INTO items (id, venue_id, code, name, price, currency, station, available)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT items_venue_code_uq DO UPDATE
         SET name = EXCLUDED.name, price = EXCLUDED.price, currency = EXCLUDED.currency,
             station = EXCLUDED.station, available = EXCLUDED.available, updated_at = now()
       RETURNING id`,
      [uuidv7(), venueId, code, values.name, values.price, values.currency, values.station, values.available],
    );
    return this.dataSource.getRepository(MenuItemEntity).findOneByOrFail({ id: (row as { id: string }).id });
  }

  list(venueId: string): Promise<MenuItemEntity[]> {
    return this.dataSource.getRepository(MenuItemEntity).find({ where: { venueId }, order: { code: 'ASC' } });
  }

  findByCodes(venueId: string, codes: string[]): Promise<MenuItemEntity[]> {
    return this.dataSource.getRepository(MenuItemEntity).findBy({ venueId, code: In(codes) });
  }
}
