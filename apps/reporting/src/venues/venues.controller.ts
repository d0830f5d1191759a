import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import {
  SetVenueTimeZoneDto,
  SetVenueTimeZoneResultDto,
  VenueListDto,
  VenueParamsDto,
} from './dto/venue.dto';
import { SetVenueTimeZoneUseCase } from './usecases/set-venue-time-zone/set-venue-time-zone.usecase';
import { VenuesRepository } from './venues.repository';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/venues')
export class VenuesController {
  constructor(
    private readonly venues: VenuesRepository,
    private readonly setTimeZone: SetVenueTimeZoneUseCase,
  ) {}

  @Get()
  @Roles(Role.HEAD_OFFICE, Role.MANAGER)
  @VenueScoped({ from: 'record' })
  @ApiOperation({
    summary: "The venues the reports know and their time zones (a manager: the token's venues)",
  })
  @ApiOkResponse({ type: VenueListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<VenueListDto> {
    return { venues: await this.venues.list(principal.venues === '*' ? null : principal.venues) };
  }

  @Put(':venueId')
  @Roles(Role.HEAD_OFFICE)
  @VenueScoped({ from: 'param', key: 'venueId' })
  @ApiOperation({
    summary: "Set a venue's IANA time zone (head office); its reports move to the new local hours at once",
  })
  @ApiOkResponse({ type: SetVenueTimeZoneResultDto })
  @ApiForbiddenResponse({ description: 'not a head office token' })
  set(
    @Param() params: VenueParamsDto,
    @Body() body: SetVenueTimeZoneDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SetVenueTimeZoneResultDto> {
    return this.setTimeZone.execute(params.venueId, body.timeZone, principal);
  }
}
