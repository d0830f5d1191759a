import { ApiProperty } from '@nestjs/swagger';

export class SyncResultDto {
  @ApiProperty({ example: 'revel' }) platform: string;
  @ApiProperty({ description: 'pages fetched from the platform' }) pages: number;
  @ApiProperty({ description: 'orders the platform listed' }) fetched: number;
  @ApiProperty({ description: 'orders stored and announced as intake.v1.order-received' }) new: number;
  @ApiProperty({ description: 'orders received before, by webhook or an earlier poll' }) duplicates: number;
  @ApiProperty({ description: 'listed orders that could not be normalised, kept as needing attention' })
  needsAttention: number;
  @ApiProperty({ description: 'the platform has more: the next poll goes on from here' }) more: boolean;
  @ApiProperty({ description: 'ISO 8601 UTC' }) polledAt: string;
}
