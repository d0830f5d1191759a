import {
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canAccessVenue, CurrentPrincipal, type Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { CallbackWorker } from './callback-worker.service';
import { CallbacksRepository } from './callbacks.repository';
import { toCallbackDto } from './callbacks.mapper';
import { callbackOutcomes } from './callbacks.metrics';
import {
  CallbackDto,
  CallbackIdParamsDto,
  CallbackListDto,
  ListCallbacksQueryDto,
} from './dto/callbacks.dto';

@ApiTags('callbacks')
@ApiBearerAuth()
@Controller('v1/callbacks')
export class CallbacksController {
  constructor(
    private readonly callbacks: CallbacksRepository,
    private readonly worker: CallbackWorker,
  ) {}

  @Get()
  @VenueScoped({ from: 'query', key: 'venueId' })
  @Roles(Role.HEAD_OFFICE, Role.MANAGER)
  @ApiOperation({
    summary:
      'Outbound callbacks (platform statuses, availability, customer notifications, Jira issues) with every attempt; managers see their venues, head office all',
  })
  @ApiOkResponse({ type: CallbackListDto })
  async list(
    @Query() query: ListCallbacksQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CallbackListDto> {
    const venueIds = query.venueId
      ? [query.venueId]
      : principal.venues === '*'
        ? undefined
        : principal.venues;
    const rows = await this.callbacks.list({
      states: query.state ? [query.state] : undefined,
      venueIds,
      orderId: query.orderId,
      kind: query.kind,
      target: query.target,
      limit: query.limit,
    });
    const attempts = await this.callbacks.attemptsOf(rows.map((row) => row.id));
    return {
      items: rows.map((row) =>
        toCallbackDto(
          row,
          attempts.filter((a) => a.callback_id === row.id),
        ),
      ),
    };
  }

  @Post(':id/retry')
  @HttpCode(202)
  @VenueScoped({ from: 'record' })
  @Roles(Role.HEAD_OFFICE, Role.MANAGER)
  @ApiOperation({
    summary:
      'Send a dead (or failed, or pending) callback again now, with a fresh attempt budget; its attempt history is kept. 409 for one that is sent, in flight, superseded or unsupported',
  })
  @ApiAcceptedResponse({ type: CallbackDto })
  async retry(
    @Param() params: CallbackIdParamsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CallbackDto> {
    const existing = await this.callbacks.get(params.id);
    if (!existing) throw new NotFoundException(`no callback ${params.id}`);
    if (!canAccessVenue(principal, existing.venue_id)) {
      throw new ForbiddenException(`this token is not scoped to venue ${existing.venue_id}`);
    }
    const retried = await this.callbacks.retry(params.id);
    if (!retried) {
      throw new ConflictException(
        `callback ${params.id} is ${existing.state}: only dead, failed or pending callbacks can be retried`,
      );
    }
    callbackOutcomes.inc({ kind: retried.kind, target: retried.target, outcome: 'retried' });
    this.worker.wake();
    return toCallbackDto(retried, await this.callbacks.attemptsOf([retried.id]));
  }
}
