import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';

/** What the adapter relies on in a Shopify line item; every other field is tolerated. */
export class ShopifyLineItemDto {
  @IsDefined() id: unknown;
  @IsDefined() quantity: unknown;
  @IsDefined() price: unknown;
}

/**
 * The order resource Shopify posts for the `orders/*` topics (the Admin REST Order, unwrapped).
 * See https://shopify.dev/docs/api/webhooks (orders/create).
 */
export class ShopifyOrderWebhookDto {
  @IsDefined() id: unknown;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ShopifyLineItemDto)
  line_items: ShopifyLineItemDto[];

  @IsDefined() total_price: unknown;

  @IsOptional() @IsString() currency?: string;
}
