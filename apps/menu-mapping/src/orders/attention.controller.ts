import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { VenueParamsDto, VenuePlatformParamsDto } from '../menu/dto/menu-params.dto';
import { AttentionOrdersRepository } from './attention-orders.repository';
import {
  AttentionOrderDto,
  AttentionParamsDto,
  ListAttentionQueryDto,
  ReinjectOrderDto,
  ReinjectResultDto,
  UnmappedCodeDto,
} from './dto/attention.dto';
import { ListUnmappedCodesUseCase } from './usecases/list-unmapped-codes/list-unmapped-codes.usecase';
import { ReinjectOrderUseCase } from './usecases/reinject-order/reinject-order.usecase';

/** Orders waiting for a person: what is wrong, and re-injecting them once it is fixed. */
@ApiTags('orders needing attention')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/menu')
@VenueScoped({ from: 'param', key: 'venueId' })
export class AttentionController {
  constructor(
    private readonly attention: AttentionOrdersRepository,
    private readonly reinjectOrder: ReinjectOrderUseCase,
    private readonly unmappedCodes: ListUnmappedCodesUseCase,
  ) {}

  @Get('attention')
  @Roles(Role.HEAD_OFFICE, Role.MANAGER, Role.STAFF)
  @ApiOperation({
    summary: 'Orders of the venue that wait for a person (default), or were resolved, newest first',
  })
  @ApiOkResponse({ type: [AttentionOrderDto] })
  list(@Param() params: VenueParamsDto, @Query() query: ListAttentionQueryDto): Promise<AttentionOrderDto[]> {
    return this.attention.list(params.venueId, {
      state: query.state ?? 'waiting',
      platform: query.platform,
      limit: query.limit ?? 50,
    });
  }

  @Get('attention/:id')
  @Roles(Role.HEAD_OFFICE, Role.MANAGER, Role.STAFF)
  @ApiOperation({ summary: 'One order needing attention, with every reason' })
  @ApiOkResponse({ type: AttentionOrderDto })
  async get(@Param() params: AttentionParamsDto): Promise<AttentionOrderDto> {
    const row = await this.attention.findById(params.id);
    if (!row || row.venueId !== params.venueId) {
      throw new NotFoundException(`no order needing attention with id ${params.id} at ${params.venueId}`);
    }
    return row;
  }

  @Post('attention/:id/reinject')
  @HttpCode(200)
  @Roles(Role.HEAD_OFFICE, Role.MANAGER)
  @ApiOperation({
    summary:
      'Validate the order again (after a mapping fix, with substitutions or accepted prices); a clean order flows on as menu.v1.order-mapped exactly once (409 after)',
  })
  @ApiOkResponse({ type: ReinjectResultDto })
  reinject(
    @Param() params: AttentionParamsDto,
    @Body() body: ReinjectOrderDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReinjectResultDto> {
    return this.reinjectOrder.execute(params.venueId, params.id, body, principal);
  }

  @Get('mappings/:platform/unmapped')
  @Roles(Role.HEAD_OFFICE, Role.MANAGER)
  @ApiOperation({
    summary: "The platform's codes that keep the venue's orders waiting, with mapping suggestions",
  })
  @ApiOkResponse({ type: [UnmappedCodeDto] })
  unmapped(@Param() params: VenuePlatformParamsDto): Promise<UnmappedCodeDto[]> {
    return this.unmappedCodes.execute(params.venueId, params.platform);
  }
}
