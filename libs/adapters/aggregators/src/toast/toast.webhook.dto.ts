import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';

export class ToastOrderDetailsDto {
  @IsOptional() @IsString() restaurantGuid?: string;
  @IsObject() order: Record<string, unknown>;
}

/**
 * An orders webhook message (doc.toasttab.com "Orders webhook"): the event's guid and timestamp,
 * and the Order object in `details`.
 */
export class ToastOrderMessageDto {
  @IsString() guid: string;
  @IsString() timestamp: string;
  @IsString() eventType: string;

  @ValidateNested()
  @Type(() => ToastOrderDetailsDto)
  details: ToastOrderDetailsDto;
}
