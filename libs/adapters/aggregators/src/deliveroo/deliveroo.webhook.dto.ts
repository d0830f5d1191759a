import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, ValidateNested } from 'class-validator';

export class DeliverooOrderEventBodyDto {
  @IsObject() order: Record<string, unknown>;
}

/** An Order Events webhook (api-docs.deliveroo.com): `{event: "order.new" | "order.status_update", body: {order}}`. */
export class DeliverooOrderEventDto {
  @IsString() event: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => DeliverooOrderEventBodyDto)
  body: DeliverooOrderEventBodyDto;
}
