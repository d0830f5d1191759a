import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { BaseEnv } from '@hub/config';

export class ReportingEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  REPORTING_PORT: number = 3006;

  /**
   * The promised time of an order without `scheduledFor` is its placedAt plus this many minutes.
   * Read when an event is projected: after a change, `npm run reporting:rebuild` applies it to past orders.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  REPORTING_DEFAULT_PREP_MINUTES: number = 30;
}
