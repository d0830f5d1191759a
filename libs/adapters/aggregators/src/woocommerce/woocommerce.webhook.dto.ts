import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsString, ValidateNested } from 'class-validator';

export class WooLineItemDto {
  @IsDefined() id: unknown;
  @IsDefined() quantity: unknown;
}

/**
 * The order a WooCommerce `order.*` webhook carries: the REST API v3 order, exactly as
 * `GET /wp-json/wc/v3/orders/<id>` returns it (woocommerce-rest-api-docs, "Webhooks: Delivery/payload").
 */
export class WooOrderWebhookDto {
  @IsDefined() id: unknown;
  @IsString() currency: string;
  @IsDefined() total: unknown;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WooLineItemDto)
  line_items: WooLineItemDto[];
}
