import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { STATION_PATTERN } from '@hub/order-model';

export const KOT_PRINT_FAILED_V1 = 'kot.v1.print-failed';

export class PrinterAttemptDto {
  @IsString() @MaxLength(255) printer: string;
  @IsString() @MaxLength(500) error: string;
}

/**
 * A ticket could not be printed on the station's printer nor its backup, after every retry. The
 * ticket is still on the station's screens; staff reprint it once a printer is back.
 */
export class PrintFailedV1 {
  @IsUUID() jobId: string;
  @IsUUID() ticketId: string;
  @IsUUID() orderId: string;
  @Matches(STATION_PATTERN) station: string;
  @IsInt() @Min(1) attempts: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PrinterAttemptDto)
  printers: PrinterAttemptDto[];

  @IsISO8601({ strict: true }) at: string;
}
