import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { StatusActor } from '@hub/order-model';

export class VoidOrderItemDto {
  @ApiProperty({
    description: 'why the line is voided (printed on the void ticket)',
    example: 'guest changed their mind',
  })
  @IsString()
  @IsNotEmpty({ message: 'reason must name why the line is voided' })
  @MaxLength(500)
  reason: string;
}

export class VoidOrderItemParamsDto {
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'id must be an order id (uuid)',
  })
  id: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lineId: string;
}

/** Voiding lines, whoever asks: staff over the API or, later, a platform's order change. */
export interface VoidOrderItemsCommand {
  lineIds: string[];
  reason: string;
  actor: StatusActor;
  /** the request or event that caused it */
  causationId: string;
}
