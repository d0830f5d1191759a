import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class ChangePrepTimeDto {
  @ApiProperty({
    minimum: 1,
    maximum: 240,
    description: 'the order’s preparation time in minutes, counted from when it arrived',
  })
  @IsInt({ message: 'prepTimeMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(240)
  prepTimeMinutes: number;

  @ApiPropertyOptional({ description: 'why, for the timeline and the platform (no customer data)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  reason?: string;
}

export class PrepTimeDto {
  @ApiProperty() orderId: string;
  @ApiProperty({ description: 'the new promised (ready) time' }) promisedAt: string;
  @ApiPropertyOptional({ nullable: true }) previousPromisedAt: string | null;
  @ApiProperty() prepTimeMinutes: number;
  @ApiPropertyOptional({
    description:
      'present when the slot of the time asked for was full: why the promised time is the start of a later slot',
  })
  movedReason?: string;
}
