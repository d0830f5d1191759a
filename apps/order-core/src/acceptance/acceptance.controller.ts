import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles, VenueScoped } from '@hub/auth';
import { AcceptancePoliciesRepository } from './acceptance-policies.repository';
import {
  AcceptancePolicyDto,
  AcceptancePolicyParamsDto,
  SaveAcceptancePolicyDto,
  VenueIdParamsDto,
} from './dto/acceptance-policy.dto';

@ApiTags('acceptance')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/acceptance')
@VenueScoped({ from: 'param', key: 'venueId' })
export class AcceptanceController {
  constructor(private readonly policies: AcceptancePoliciesRepository) {}

  @Get()
  @ApiOperation({ summary: 'How orders of each channel are accepted at the venue (auto unless listed)' })
  @ApiOkResponse({ type: [AcceptancePolicyDto] })
  list(@Param() params: VenueIdParamsDto): Promise<AcceptancePolicyDto[]> {
    return this.policies.list(params.venueId);
  }

  @Put(':channel')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      'Auto-accept a channel’s orders, or wait for staff until a deadline and then accept or reject (`*`: every channel)',
  })
  @ApiOkResponse({ type: AcceptancePolicyDto })
  save(
    @Param() params: AcceptancePolicyParamsDto,
    @Body() body: SaveAcceptancePolicyDto,
  ): Promise<AcceptancePolicyDto> {
    return this.policies.save(params.venueId, params.channel, body);
  }
}
