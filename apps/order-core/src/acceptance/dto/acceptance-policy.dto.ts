import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

export class VenueIdParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;
}

export class AcceptancePolicyParamsDto extends VenueIdParamsDto {
  @Matches(new RegExp(`${CHANNEL_PATTERN.source}|^\\*$`), {
    message: 'channel must be a channel or platform name, or * for every channel',
  })
  channel: string;
}

export class SaveAcceptancePolicyDto {
  @ApiProperty({
    enum: ['auto', 'manual'],
    description: 'auto: accepted once mapped; manual: waits for staff',
  })
  @IsIn(['auto', 'manual'])
  mode: 'auto' | 'manual';

  @ApiPropertyOptional({
    default: 600,
    description: 'manual: how long staff have (Uber Eats cancels after 11.5 minutes)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  deadlineSeconds?: number;

  @ApiPropertyOptional({
    enum: ['accept', 'reject'],
    default: 'reject',
    description: 'what happens at the deadline',
  })
  @IsOptional()
  @IsIn(['accept', 'reject'])
  onTimeout?: 'accept' | 'reject';
}

export class AcceptancePolicyDto {
  @ApiProperty() venueId: string;
  @ApiProperty({ description: 'a channel, or * for the venue’s default' }) channel: string;
  @ApiProperty({ enum: ['auto', 'manual'] }) mode: 'auto' | 'manual';
  @ApiProperty() deadlineSeconds: number;
  @ApiProperty({ enum: ['accept', 'reject'] }) onTimeout: 'accept' | 'reject';
}
