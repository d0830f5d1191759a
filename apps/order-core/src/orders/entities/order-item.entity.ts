import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { OrderModifierDto } from '@hub/contracts';
import { OrderEntity } from './order.entity';

@Entity({ name: 'order_items' })
export class OrderItemEntity {
  @PrimaryColumn('uuid', { name: 'order_id' }) orderId: string;
  @PrimaryColumn('text', { name: 'line_id' }) lineId: string;
  @Column('integer') position: number;
  @Column('text', { name: 'menu_item_id', nullable: true }) menuItemId: string | null;
  @Column('text', { name: 'external_code' }) externalCode: string;
  @Column('text') name: string;
  @Column('integer') quantity: number;
  @Column('integer', { name: 'unit_price' }) unitPrice: number;
  @Column('jsonb') modifiers: OrderModifierDto[];
  @Column('text', { nullable: true }) notes: string | null;
  @Column('text', { nullable: true }) station: string | null;

  @ManyToOne(() => OrderEntity, (order) => order.items)
  @JoinColumn({ name: 'order_id' })
  order: OrderEntity;
}
