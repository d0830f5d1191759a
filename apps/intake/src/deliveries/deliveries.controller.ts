import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { DeliveriesRepository } from '../orders/deliveries.repository';
import {
  DeliveryEvidenceDto,
  DeliveryPageDto,
  DeliveryParamsDto,
  ListDeliveriesQueryDto,
  RetryResultDto,
  VenueDeliveriesParamsDto,
} from './dto/delivery.dto';
import { toDeliverySummaryDto } from './deliveries.mapper';
import { RetryDeliveryCommand } from './usecases/retry-delivery/retry-delivery.command';
import { RetryDeliveryUseCase } from './usecases/retry-delivery/retry-delivery.usecase';
import { ShowDeliveryUseCase } from './usecases/show-delivery/show-delivery.usecase';

/**
 * A venue's raw deliveries: what every platform sent, and above all what could not be normalised
 * or fetched (`needs_attention`), with the means to run it again once the cause is fixed.
 */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/deliveries')
@VenueScoped({ from: 'param', key: 'venueId' })
@ApiForbiddenResponse({ description: 'not a manager or head office of this venue' })
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly showDelivery: ShowDeliveryUseCase,
    private readonly retryDelivery: RetryDeliveryUseCase,
  ) {}

  @Get()
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      "The venue's deliveries, newest first, by state (needs_attention, awaiting_fetch, stored) and platform: attempts, the last error, the dedupe key and whether an order was announced; never the body",
  })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiBadRequestResponse({ description: 'a bad state, platform, limit or cursor (the message names it)' })
  async list(
    @Param() params: VenueDeliveriesParamsDto,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<DeliveryPageDto> {
    const page = await this.deliveries.list({
      venueId: params.venueId,
      state: query.state,
      platform: query.platform,
      cursor: query.cursor,
      limit: query.limit ?? 50,
    });
    return { deliveries: page.deliveries.map(toDeliverySummaryDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      'One delivery with its evidence: the body as received and its headers, signatures and keys masked',
  })
  @ApiOkResponse({ type: DeliveryEvidenceDto })
  @ApiNotFoundResponse({ description: 'the venue has no such delivery' })
  show(@Param() params: DeliveryParamsDto): Promise<DeliveryEvidenceDto> {
    return this.showDelivery.execute(params.venueId, params.id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      "Run a delivery needing attention again with the integration's current settings: a body that could not be normalised is parsed again and, once it is, its order announced (once); a thin event's fetch is re-queued",
  })
  @ApiOkResponse({ type: RetryResultDto, description: 'its new state (still needs_attention: see error)' })
  @ApiNotFoundResponse({ description: 'the venue has no such delivery' })
  @ApiConflictResponse({ description: 'the delivery does not need attention (the message names its state)' })
  @ApiUnprocessableEntityResponse({
    description:
      'it cannot be re-run here: the venue has no integration with its platform any more, or it is an order a poll listed',
  })
  retry(
    @Param() params: DeliveryParamsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RetryResultDto> {
    return this.retryDelivery.execute(RetryDeliveryCommand.create(params.venueId, params.id, principal));
  }
}
