import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { BaseEnv } from '@hub/config';

export class KotRouterEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  KOT_ROUTER_PORT: number = 3004;

  /** how long a screen has to acknowledge a ticket before it is sent again (up to 5 times) */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  KITCHEN_ACK_TIMEOUT_MS: number = 5000;
}
