import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';

export class SquareEventDataDto {
  @IsString() type: string;
  @IsOptional() @IsString() id?: string;
  @IsOptional() @IsObject() object?: Record<string, unknown>;
}

/**
 * A Square webhook event (developer.squareup.com/reference/square/webhooks): thin, ids only. The
 * order itself is fetched with RetrieveOrder.
 */
export class SquareEventDto {
  @IsString() merchant_id: string;
  @IsString() type: string;
  @IsString() event_id: string;
  @IsString() created_at: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => SquareEventDataDto)
  data: SquareEventDataDto;
}
