import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import {
  AvailabilityDto,
  AvailabilityParamsDto,
  SetAvailabilityDto,
  UnavailableDto,
} from './dto/availability.dto';
import { VenueParamsDto } from './dto/menu-params.dto';
import { AvailabilityRepository } from './availability.repository';
import { SetAvailabilityUseCase } from './usecases/set-availability/set-availability.usecase';

/** 86: an item or modifier out of stock at a venue, now or until a time. */
@ApiTags('availability')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/menu/availability')
@VenueScoped({ from: 'param', key: 'venueId' })
@Roles(Role.HEAD_OFFICE, Role.MANAGER, Role.STAFF)
export class AvailabilityController {
  constructor(
    private readonly setAvailability: SetAvailabilityUseCase,
    private readonly availability: AvailabilityRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'What is 86d at the venue now, and until when' })
  @ApiOkResponse({ type: [UnavailableDto] })
  list(@Param() params: VenueParamsDto): Promise<UnavailableDto[]> {
    return this.availability.list(params.venueId);
  }

  @Put(':kind/:code')
  @ApiParam({ name: 'kind', enum: ['items', 'modifiers'] })
  @ApiOperation({
    summary:
      '86 an item or modifier at the venue (now, or until a time) or bring it back; emits menu.v1.availability-changed',
  })
  @ApiOkResponse({ type: AvailabilityDto })
  set(
    @Param() params: AvailabilityParamsDto,
    @Body() body: SetAvailabilityDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AvailabilityDto> {
    return this.setAvailability.execute({
      venueId: params.venueId,
      kind: params.kind === 'items' ? 'item' : 'modifier',
      code: params.code,
      available: body.available,
      until: body.until,
      reason: body.reason,
      by: principal.sub,
    });
  }
}
