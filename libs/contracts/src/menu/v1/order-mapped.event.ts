import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { OrderDraftDto } from '../../common/order-draft.dto';

export const MENU_ORDER_MAPPED_V1 = 'menu.v1.order-mapped';

/**
 * Every line of the order resolved to the venue's menu: each item carries `menuItemId`, its
 * internal name and the `station` that prepares it. Consumed by order-core.
 */
export class MenuOrderMappedV1 {
  @ValidateNested()
  @Type(() => OrderDraftDto)
  order: OrderDraftDto;
}
