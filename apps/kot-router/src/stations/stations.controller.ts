import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles, VenueScoped } from '@hub/auth';
import {
  PrinterHealthDto,
  RESERVED_STATION_NAMES,
  RoutingRulesDto,
  StationDto,
  StationParamsDto,
  VenueParamsDto,
  UpsertStationDto,
  VenueTicketSettingsDto,
} from './dto/station.dto';
import { PrintJobsRepository } from './print-jobs.repository';
import { StationsRepository } from './stations.repository';
import { ReprintTicketUseCase } from './usecases/reprint-ticket/reprint-ticket.usecase';
import { IsUUID } from 'class-validator';

class TicketParamsDto extends StationParamsDto {
  @IsUUID('all', { message: 'ticketId must be a ticket id (uuid)' })
  ticketId: string;
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new BadRequestException(`timeZone must be an IANA time zone such as Asia/Kolkata, not ${timeZone}`);
  }
}

@ApiTags('stations')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/stations')
@VenueScoped({ from: 'param', key: 'venueId' })
export class StationsController {
  constructor(
    private readonly stations: StationsRepository,
    private readonly jobs: PrintJobsRepository,
    private readonly reprintTicket: ReprintTicketUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: "The venue's stations with their printers" })
  @ApiOkResponse({ type: [StationDto] })
  list(@Param() { venueId }: VenueParamsDto): Promise<StationDto[]> {
    return this.stations.list(venueId);
  }

  @Get('printers')
  @ApiOperation({
    summary:
      'Printer health: each printer’s last success and failure, and its station’s pending and failed jobs',
  })
  @ApiOkResponse({ type: [PrinterHealthDto] })
  printers(@Param() { venueId }: VenueParamsDto): Promise<PrinterHealthDto[]> {
    return this.jobs.health(venueId);
  }

  @Get('routing-rules')
  @ApiOperation({ summary: 'The routing overrides of the venue' })
  @ApiOkResponse({ type: RoutingRulesDto })
  async rules(@Param() { venueId }: VenueParamsDto): Promise<RoutingRulesDto> {
    return { rules: await this.stations.rules(venueId) };
  }

  @Put('routing-rules')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      'Replace the routing overrides (by item, modifier, order type, channel; station null: not ticketed)',
  })
  @ApiOkResponse({ type: RoutingRulesDto })
  async replaceRules(
    @Param() { venueId }: VenueParamsDto,
    @Body() body: RoutingRulesDto,
  ): Promise<RoutingRulesDto> {
    await this.stations.replaceRules(venueId, body.rules);
    return { rules: await this.stations.rules(venueId) };
  }

  @Put('settings')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({ summary: 'The venue name and time zone printed on its tickets' })
  @ApiOkResponse({ type: VenueTicketSettingsDto })
  async saveSettings(
    @Param() { venueId }: VenueParamsDto,
    @Body() body: VenueTicketSettingsDto,
  ): Promise<VenueTicketSettingsDto> {
    assertTimeZone(body.timeZone);
    await this.stations.saveSettings(venueId, body);
    return this.stations.settings(venueId);
  }

  @Put(':station')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary: 'Create or update a station: display name, expo, paper width, printer and backup printer',
  })
  @ApiOkResponse({ type: StationDto })
  upsert(@Param() params: StationParamsDto, @Body() body: UpsertStationDto): Promise<StationDto> {
    if (RESERVED_STATION_NAMES.includes(params.station)) {
      throw new BadRequestException(`${params.station} is a reserved word, not a station name`);
    }
    return this.stations.upsert(params.venueId, params.station, body);
  }

  @Post(':station/tickets/:ticketId/reprint')
  @HttpCode(202)
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE, Role.STATION)
  @ApiOperation({ summary: 'Print a ticket again, marked REPRINT' })
  reprint(@Param() params: TicketParamsDto): Promise<{ jobId: string }> {
    return this.reprintTicket.execute(params.venueId, params.station, params.ticketId);
  }
}
