import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { BaseEnv } from '@hub/config';

export class MenuMappingEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  MENU_MAPPING_PORT: number = 3002;

  /** how far (minor units) a platform's price may be from the venue price before the order is flagged */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  MENU_PRICE_TOLERANCE_MINOR: number = 0;

  /** the same as a percentage of the venue price; the larger of the two applies */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  MENU_PRICE_TOLERANCE_PERCENT: number = 0;

  /** how many recent orders per venue are kept for the dry run of a mapping version */
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(100_000)
  MENU_RECENT_ORDERS_PER_VENUE: number = 500;

  /** how often 86s that have run out are lifted (and announced) */
  @IsOptional()
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  MENU_AVAILABILITY_SWEEP_MS: number = 15_000;

  /** how many venues' menu snapshots a process keeps for validating orders */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  MENU_SNAPSHOT_CACHE_VENUES: number = 256;
}
