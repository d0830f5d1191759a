import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { STUCK_HOPS } from '@hub/contracts';
import { VENUE_ID_PATTERN } from '@hub/order-model';

export class StuckOrdersQueryDto {
  @ApiPropertyOptional({ description: 'required unless the token is head office' })
  @IsOptional()
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId?: string;
}

export class StuckOrderDto {
  @ApiProperty() orderId: string;
  @ApiProperty() venueId: string;
  @ApiProperty() displayNumber: string;
  @ApiProperty() channel: string;
  @ApiProperty() status: string;
  @ApiProperty({ enum: STUCK_HOPS }) hop: (typeof STUCK_HOPS)[number];
  @ApiProperty({ description: 'waiting at this hop since' }) since: string;
  @ApiProperty() raisedAt: string;
}
