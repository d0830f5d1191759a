import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { SLOT_CAPACITY_UNITS, type SlotCapacityUnit } from '@hub/contracts';

export class SaveStoreControlsDto {
  @ApiPropertyOptional({
    nullable: true,
    description: 'take no orders from the channel until this time (ISO 8601); null resumes',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true }, { message: 'pausedUntil must be an ISO 8601 time, or null to resume' })
  pausedUntil?: string | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 240,
    description: 'busy mode: minutes added to preparation time; 0 ends it',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  busyExtraMinutes?: number;

  @ApiPropertyOptional({
    nullable: true,
    minimum: 1,
    maximum: 100000,
    description:
      'capacity per 15-minute slot, in slotCapacityUnit: an order arriving in a full slot moves to the next slot with room, or is rejected where its platform cannot move it; null removes the limit',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'slotCapacity must be a whole number of orders or minutes, or null for no limit' })
  @Min(1)
  @Max(100000)
  slotCapacity?: number | null;

  @ApiPropertyOptional({
    enum: SLOT_CAPACITY_UNITS,
    description: 'what slotCapacity counts: orders (default) or their preparation minutes',
  })
  @IsOptional()
  @IsIn(SLOT_CAPACITY_UNITS, { message: `slotCapacityUnit must be one of ${SLOT_CAPACITY_UNITS.join(', ')}` })
  slotCapacityUnit?: SlotCapacityUnit;
}

export class StoreControlsDto {
  @ApiProperty() venueId: string;
  @ApiProperty({ description: 'a channel, or * for every channel' }) channel: string;
  @ApiPropertyOptional({ nullable: true }) pausedUntil: string | null;
  @ApiProperty() busyExtraMinutes: number;
  @ApiPropertyOptional({ nullable: true, description: 'orders or preparation minutes per 15-minute slot' })
  slotCapacity: number | null;
  @ApiPropertyOptional({ nullable: true, enum: SLOT_CAPACITY_UNITS })
  slotCapacityUnit: SlotCapacityUnit | null;
}
