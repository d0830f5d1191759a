import { IsArray, IsDefined, IsObject } from 'class-validator';

/**
 * A DoorDash Marketplace order as the Orders webhook sends it (developer.doordash.com, "Sample
 * order" / "Sample self-delivery order"). Newer deliveries wrap it as `{event: {type}, order}`.
 */
export class DoorDashOrderDto {
  @IsDefined() id: unknown;
  @IsObject() store: Record<string, unknown>;
  @IsArray() categories: unknown[];
}
