import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiAcceptedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Role, Roles, VenueScoped } from '@hub/auth';
import { CreateDirectOrderDto, OrderAcceptedResponseDto } from './dto/create-direct-order.dto';
import { ReceiveDirectOrderCommand } from './usecases/receive-direct-order/receive-direct-order.command';
import { ReceiveDirectOrderUseCase } from './usecases/receive-direct-order/receive-direct-order.usecase';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly receiveDirectOrder: ReceiveDirectOrderUseCase) {}

  @Post()
  @HttpCode(202)
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'body', key: 'venueId' })
  @ApiOperation({ summary: 'Take a direct-channel order (dine-in, QR, kiosk, app, web, call centre)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'the same key again answers the first delivery',
  })
  @ApiAcceptedResponse({
    type: OrderAcceptedResponseDto,
    description: 'stored durably; on its way to the kitchen',
  })
  @ApiOkResponse({ type: OrderAcceptedResponseDto, description: 'seen before: nothing new was created' })
  async create(
    @Body() body: CreateDirectOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderAcceptedResponseDto> {
    const result = await this.receiveDirectOrder.execute(
      ReceiveDirectOrderCommand.create(body, idempotencyKey),
    );
    if (result.duplicate) response.status(200);
    return result;
  }
}
