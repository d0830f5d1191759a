import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  IsInt,
} from 'class-validator';
import { CURRENCY_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

export class SaveBrandDto {
  @ApiProperty({ example: 'Spice Route' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'INR', description: 'ISO 4217; every price of the brand is in it' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as INR' })
  currency: string;
}

export class BrandDto extends SaveBrandDto {
  @ApiProperty({ example: 'spice-route' }) id: string;
  @ApiProperty({ type: [String], description: 'its venues' }) venues: string[];
}

export class SaveVenueSettingsDto {
  @ApiProperty({ example: 'spice-route', description: 'the brand whose menu the venue sells' })
  @Matches(VENUE_ID_PATTERN, { message: 'brandId must be a lowercase slug' })
  brandId: string;

  @ApiPropertyOptional({ example: 'Spice Route, Koramangala' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    description:
      'how far (minor units) a platform price may be from the venue price; empty: the service default',
    example: 100,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceToleranceMinor?: number;

  @ApiPropertyOptional({
    description: 'the same as a percentage of the venue price; the larger applies',
    example: 2,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  priceTolerancePercent?: number;
}

export class VenueSettingsDto {
  @ApiProperty() venueId: string;
  @ApiProperty() brandId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ description: 'in force (the venue’s own or the service default)' })
  priceToleranceMinor: number;
  @ApiProperty({ description: 'in force (the venue’s own or the service default)' })
  priceTolerancePercent: number;
}
