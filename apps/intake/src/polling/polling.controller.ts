import {
  BadGatewayException,
  BadRequestException,
  ConflictException,
  Controller,
  HttpCode,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdapterRegistry, PollerConfigError } from '@hub/aggregators';
import { Role, Roles, VenueScoped } from '@hub/auth';
import { IntegrationParamsDto } from '../integrations/dto/integration.dto';
import { SyncResultDto } from './dto/sync.dto';
import { PollScheduler } from './poll-scheduler.service';
import { PollingRepository } from './polling.repository';
import {
  PollLeaseLostError,
  PollNotPossibleError,
} from './usecases/poll-integration/poll-integration.usecase';

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/integrations')
@VenueScoped({ from: 'param', key: 'venueId' })
export class PollingController {
  constructor(
    private readonly registry: AdapterRegistry,
    private readonly polling: PollingRepository,
    private readonly scheduler: PollScheduler,
  ) {}

  @Post(':platform/sync')
  @HttpCode(200)
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      "Manual sync: poll the platform's order list now, from the integration's cursor, and store what is new",
  })
  @ApiOkResponse({ type: SyncResultDto })
  @ApiNotFoundResponse({ description: 'unknown platform, or the venue has no integration with it' })
  @ApiConflictResponse({ description: 'the platform cannot be polled, or a poll of it is running' })
  @ApiBadGatewayResponse({ description: "the platform's API failed; the poll is retried with backoff" })
  async sync(@Param() params: IntegrationParamsDto): Promise<SyncResultDto> {
    const { venueId, platform } = params;
    if (!this.registry.find(platform)) {
      throw new NotFoundException(
        `no adapter for platform ${platform}; known: ${this.registry.platforms().join(', ')}`,
      );
    }
    const integration = await this.polling.integrationOf(venueId, platform);
    if (!integration) throw new NotFoundException(`venue ${venueId} has no ${platform} integration`);
    if (!this.registry.findPoller(platform)) {
      throw new ConflictException(
        `${platform} cannot be polled: it has no order list we can read (platforms that can: ${this.registry
          .pollablePlatforms()
          .join(', ')})`,
      );
    }
    const now = new Date();
    const lease = await this.scheduler.leaseNow(integration.id, now);
    if (!lease)
      throw new ConflictException(`a poll of this ${platform} integration is running; try again shortly`);
    const outcome = await this.scheduler.run(lease, now, 'manual');
    if (!outcome.ok) {
      const message = `${platform} poll failed (retried at ${outcome.retryAt.toISOString()}): ${outcome.error.message}`;
      if (outcome.error instanceof PollerConfigError || outcome.error instanceof PollNotPossibleError) {
        throw new BadRequestException(message);
      }
      if (outcome.error instanceof PollLeaseLostError) throw new ConflictException(message);
      throw new BadGatewayException(message);
    }
    return { platform, ...outcome.result, polledAt: now.toISOString() };
  }
}
