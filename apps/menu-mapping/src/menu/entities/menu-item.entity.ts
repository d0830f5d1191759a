import { Column, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

/** An item of a venue's menu: the code channels send (PLU/SKU), its price and its station. */
@Entity({ name: 'items' })
@Unique('items_venue_code_uq', ['venueId', 'code'])
export class MenuItemEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'venue_id' })
  venueId: string;

  /** the code channels and the POS use (PLU, SKU) */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  /** minor units */
  @Column('integer')
  price: number;

  @Column('text')
  currency: string;

  /** the kitchen station that prepares it */
  @Column('text')
  station: string;

  @Column('boolean', { default: true })
  available: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
