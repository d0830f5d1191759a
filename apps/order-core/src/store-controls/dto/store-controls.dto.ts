import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Max, Min, ValidateIf } from 'class-validator';

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
}

export class StoreControlsDto {
  @ApiProperty() venueId: string;
  @ApiProperty({ description: 'a channel, or * for every channel' }) channel: string;
  @ApiPropertyOptional({ nullable: true }) pausedUntil: string | null;
  @ApiProperty() busyExtraMinutes: number;
}
