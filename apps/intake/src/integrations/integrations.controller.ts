import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdapterRegistry } from '@hub/aggregators';
import { Role, Roles, VenueScoped } from '@hub/auth';
import {
  IntegrationDto,
  IntegrationParamsDto,
  SaveIntegrationDto,
  VenueParamsDto,
} from './dto/integration.dto';
import { IntegrationsRepository } from './integrations.repository';

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/integrations')
@VenueScoped({ from: 'param', key: 'venueId' })
export class IntegrationsController {
  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly registry: AdapterRegistry,
  ) {}

  @Put(':platform')
  @Roles(Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      'Connect a venue to a platform: its store reference, secrets (encrypted at rest), callback and API base URLs',
  })
  @ApiOkResponse({ type: IntegrationDto })
  save(@Param() params: IntegrationParamsDto, @Body() body: SaveIntegrationDto): Promise<IntegrationDto> {
    if (!this.registry.platforms().includes(params.platform)) {
      throw new NotFoundException(
        `no adapter for platform ${params.platform}; known: ${this.registry.platforms().join(', ')}`,
      );
    }
    return this.integrations.save(params.venueId, params.platform, body);
  }

  @Get()
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({ summary: "The venue's integrations, secrets masked" })
  @ApiOkResponse({ type: [IntegrationDto] })
  list(@Param() params: VenueParamsDto): Promise<IntegrationDto[]> {
    return this.integrations.list(params.venueId);
  }
}
