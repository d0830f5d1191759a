import { Controller, Get, Header, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';

collectDefaultMetrics();

@ApiExcludeController()
@SetMetadata('hub:public-endpoint', true)
@Controller('metrics')
export class MetricsController {
  /** Prometheus exposition of the process and the hub's own metrics. */
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
