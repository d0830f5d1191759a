import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';

export class UberEventMetaDto {
  @IsOptional() @IsString() resource_id?: string;
  @IsOptional() @IsString() user_id?: string;
  @IsOptional() @IsString() status?: string;
}

/**
 * An Uber Eats webhook event (developer.uber.com/docs/eats/guides/webhooks): thin. For orders,
 * `meta.resource_id` is the order id and `resource_href` the Get Order Details URL.
 */
export class UberEventDto {
  @IsString() event_id: string;
  @IsString() event_type: string;
  @IsOptional() @IsNumber() event_time?: number;
  @IsOptional() @IsString() resource_href?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => UberEventMetaDto)
  meta?: UberEventMetaDto;
}
