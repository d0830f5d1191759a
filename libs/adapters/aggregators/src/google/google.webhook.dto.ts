import { ArrayMinSize, IsArray, IsOptional, IsString } from 'class-validator';

/**
 * An Ordering End-to-End fulfillment request (Google's AppRequest): `inputs[0].intent` says what it
 * is (`actions.intent.TRANSACTION_DECISION` for Submit Order), and its arguments carry the order.
 */
export class GoogleAppRequestDto {
  @IsArray()
  @ArrayMinSize(1)
  inputs: unknown[];

  @IsOptional()
  @IsString()
  conversationToken?: string;
}
