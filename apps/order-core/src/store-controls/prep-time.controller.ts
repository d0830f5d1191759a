import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { OrderIdParamsDto } from '../orders/dto/order-query.dto';
import { ChangePrepTimeDto, PrepTimeDto } from './dto/prep-time.dto';
import { ChangePrepTimeUseCase } from './usecases/change-prep-time/change-prep-time.usecase';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class PrepTimeController {
  constructor(private readonly changePrepTime: ChangePrepTimeUseCase) {}

  @Post(':id/prep-time')
  @HttpCode(200)
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'record' })
  @ApiOperation({
    summary:
      'Set an open order’s preparation time: its promised time moves, shows on its timeline, and the platform is told (orders.v1.prep-time-changed)',
  })
  @ApiOkResponse({ type: PrepTimeDto })
  change(
    @Param() params: OrderIdParamsDto,
    @Body() body: ChangePrepTimeDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') requestId: string | undefined,
  ): Promise<PrepTimeDto> {
    return this.changePrepTime.execute(
      params.id,
      body.prepTimeMinutes,
      body.reason,
      principal,
      requestId ?? randomUUID(),
    );
  }
}
