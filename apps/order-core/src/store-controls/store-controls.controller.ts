import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles, VenueScoped } from '@hub/auth';
import { createEnvelope, ORDERS_STORE_CONTROLS_CHANGED_V1, StoreControlsChangedV1 } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { AcceptancePolicyParamsDto, VenueIdParamsDto } from '../acceptance/dto/acceptance-policy.dto';
import { SaveStoreControlsDto, StoreControlsDto } from './dto/store-controls.dto';
import { StoreControlsRepository } from './store-controls.repository';

@ApiTags('store controls')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/store-controls')
@VenueScoped({ from: 'param', key: 'venueId' })
export class StoreControlsController {
  constructor(
    private readonly tx: EventTransaction,
    private readonly controls: StoreControlsRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The venue’s paused channels, busy mode and slot capacity' })
  @ApiOkResponse({ type: [StoreControlsDto] })
  list(@Param() params: VenueIdParamsDto): Promise<StoreControlsDto[]> {
    return this.controls.list(params.venueId);
  }

  @Put(':channel')
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      'Pause a channel until a time, set busy mode, or a capacity per 15-minute slot (`*`: every channel); the platforms are told',
  })
  @ApiOkResponse({ type: StoreControlsDto })
  async save(
    @Param() params: AcceptancePolicyParamsDto,
    @Body() body: SaveStoreControlsDto,
  ): Promise<StoreControlsDto> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const saved = await this.controls.save(manager, params.venueId, params.channel, body);
      emit(
        createEnvelope<StoreControlsChangedV1>(
          ORDERS_STORE_CONTROLS_CHANGED_V1,
          {
            venueId: saved.venueId,
            channel: saved.channel,
            ...(saved.pausedUntil ? { pausedUntil: saved.pausedUntil } : {}),
            busyExtraMinutes: saved.busyExtraMinutes,
            ...(saved.slotCapacity !== null
              ? { slotCapacity: saved.slotCapacity, slotCapacityUnit: saved.slotCapacityUnit ?? 'orders' }
              : {}),
          },
          {
            venueId: saved.venueId,
            aggregateType: 'store-controls',
            aggregateId: `${saved.venueId}:${saved.channel}`,
            correlationId: `${saved.venueId}:${saved.channel}`,
          },
        ),
      );
      return saved;
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
