import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { IsISO8601, Matches } from 'class-validator';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { VENUE_ID_PATTERN } from '@hub/order-model';
import { OrderIdParamsDto } from '../orders/dto/order-query.dto';
import { OrdersRepository } from '../orders/orders.repository';
import { LedgerDto, ReconciliationRowDto, RecordPaymentDto, RefundOrderDto } from './dto/payment.dto';
import { loadLedger } from './ledger';
import { PaymentsRepository } from './payments.repository';
import { RecordPaymentUseCase } from './usecases/record-payment/record-payment.usecase';
import { RefundOrderUseCase } from './usecases/refund-order/refund-order.usecase';

export class ReconciliationQueryDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;

  @IsISO8601({ strict: true }, { message: 'date must be a day, YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a day, YYYY-MM-DD' })
  date: string;
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1')
export class PaymentsController {
  constructor(
    private readonly recordPayment: RecordPaymentUseCase,
    private readonly refundOrder: RefundOrderUseCase,
    private readonly orders: OrdersRepository,
    private readonly payments: PaymentsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('orders/:id/payments')
  @VenueScoped({ from: 'record' })
  @ApiOperation({ summary: 'The order’s payments and refunds, and where its money stands' })
  @ApiOkResponse({ type: LedgerDto })
  async ledger(
    @Param() params: OrderIdParamsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LedgerDto> {
    // loadLedger locks the order row (FOR UPDATE), which needs a transaction even for a read
    const state = await this.dataSource.transaction((manager) =>
      loadLedger(this.orders, this.payments, manager, params.id, principal),
    );
    return { entries: state.entries, position: state.position };
  }

  @Post('orders/:id/payments')
  @HttpCode(201)
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'record' })
  @ApiOperation({
    summary: 'Take a payment (several for a split bill, each with who paid); 409 beyond what is owed',
  })
  @ApiOkResponse({ type: LedgerDto })
  pay(
    @Param() params: OrderIdParamsDto,
    @Body() body: RecordPaymentDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') requestId: string | undefined,
  ): Promise<LedgerDto> {
    return this.recordPayment.execute(params.id, body, principal, requestId ?? randomUUID());
  }

  @Post('orders/:id/refunds')
  @HttpCode(201)
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'record' })
  @ApiOperation({ summary: 'Refund by amount or by lines (managers only); 409 beyond what was paid' })
  @ApiOkResponse({ type: LedgerDto })
  refund(
    @Param() params: OrderIdParamsDto,
    @Body() body: RefundOrderDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') requestId: string | undefined,
  ): Promise<LedgerDto> {
    return this.refundOrder.execute(params.id, body, principal, requestId ?? randomUUID());
  }

  @Get('reconciliation')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'query', key: 'venueId' })
  @ApiOperation({
    summary: 'Orders of a venue and UTC day whose payments differ from what they should have been charged',
  })
  @ApiOkResponse({ type: [ReconciliationRowDto] })
  reconciliation(@Query() query: ReconciliationQueryDto): Promise<ReconciliationRowDto[]> {
    return this.payments.mismatches(query.venueId, query.date);
  }
}
