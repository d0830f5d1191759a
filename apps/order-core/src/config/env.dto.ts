import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { BaseEnv } from '@hub/config';

export class OrderCoreEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  ORDER_CORE_PORT: number = 3003;
}
