import { Type } from 'class-transformer';
import { IsString, IsNotEmpty, ValidateNested } from 'class-validator';
import { OrderDraftDto } from '../../common/order-draft.dto';

export const INTAKE_ORDER_RECEIVED_V1 = 'intake.v1.order-received';

/**
 * An order arrived from a channel and is durably stored in intake's raw deliveries.
 * Consumed by menu-mapping (to resolve items) and order-core (to put it in the order table at once).
 * Aggregate: `delivery`, id = deliveryId. Correlation id: the delivery id.
 */
export class IntakeOrderReceivedV1 {
  /** intake's raw delivery id: the evidence of what the channel sent */
  @IsString()
  @IsNotEmpty()
  deliveryId: string;

  @ValidateNested()
  @Type(() => OrderDraftDto)
  order: OrderDraftDto;
}
