import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANNEL_PATTERN,
  CURRENCY_PATTERN,
  ORDER_PRIORITIES,
  OrderPriority,
  OrderType,
  PaymentStatus,
  STATION_PATTERN,
  VENUE_ID_PATTERN,
} from '@hub/order-model';

const MAX_MINOR = 1_000_000_000_00;

export class OrderModifierDto {
  @ApiPropertyOptional({ description: 'the platform or POS code of the modifier' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  menuModifierId?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity: number;

  @ApiProperty({ description: 'minor units (paise, cents) per unit' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR)
  unitPrice: number;
}

export class OrderItemDto {
  @ApiProperty({ description: 'unique within the order' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lineId: string;

  @ApiPropertyOptional({ description: 'internal menu item id, set by menu-mapping' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  menuItemId?: string;

  @ApiProperty({ description: "the platform's or POS's item code (PLU, SKU)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  externalCode: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity: number;

  @ApiProperty({ description: 'minor units (paise, cents) per unit' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR)
  unitPrice: number;

  @ApiProperty({ type: [OrderModifierDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderModifierDto)
  modifiers: OrderModifierDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;

  @ApiPropertyOptional({ description: 'kitchen station, set by menu-mapping' })
  @IsOptional()
  @IsString()
  @Matches(STATION_PATTERN)
  station?: string;
}

export class OrderTotalsDto {
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_MINOR) subtotal: number;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_MINOR) tax: number;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_MINOR) discount: number;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_MINOR) deliveryFee: number;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_MINOR) tip: number;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_MINOR) total: number;

  @ApiProperty({ example: 'INR', description: 'ISO 4217' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as INR' })
  currency: string;
}

export class OrderCustomerDto {
  @ApiProperty({ description: 'PII: never logged' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'PII: never logged' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
}

export class OrderPaymentEntryDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) id: string;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_MINOR) amount: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) method?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) paidBy?: string;
  @ApiProperty() @IsISO8601({ strict: true }) at: string;
}

export class OrderPaymentDto {
  @ApiProperty({ enum: PaymentStatus })
  @IsIn(Object.values(PaymentStatus))
  status: PaymentStatus;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) method?: string;

  @ApiProperty({ type: [OrderPaymentEntryDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderPaymentEntryDto)
  payments: OrderPaymentEntryDto[];
}

export class OrderSourceDto {
  @ApiProperty() @IsString() @Matches(CHANNEL_PATTERN) platform: string;
  @ApiProperty() @IsString() @MaxLength(200) storeRef: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) rawDeliveryId: string;
}

/**
 * The canonical order as a channel hands it in: everything but the id and status, which
 * order-core owns. Intake produces it; menu-mapping fills in menuItemId and station.
 */
export class OrderDraftDto {
  @ApiProperty({ example: 'blr-koramangala' })
  @IsString()
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;

  @ApiProperty({
    example: 'qr',
    description: 'a platform name, or dine_in, waiter, qr, kiosk, app, web, call_center',
  })
  @IsString()
  @Matches(CHANNEL_PATTERN, { message: 'channel must be a lowercase channel or platform name' })
  channel: string;

  @ApiProperty({ description: "the channel's own order id; unique per channel and venue" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalId: string;

  @ApiPropertyOptional({ description: 'short code printed on the ticket' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  displayNumber?: string;

  @ApiProperty({ enum: OrderType })
  @IsIn(Object.values(OrderType))
  orderType: OrderType;

  @ApiProperty({ description: 'ISO 8601 UTC' })
  @IsISO8601({ strict: true })
  placedAt: string;

  @ApiPropertyOptional({ description: 'ISO 8601 UTC' })
  @IsOptional()
  @IsISO8601({ strict: true })
  scheduledFor?: string;

  @ApiProperty({ type: OrderCustomerDto })
  @ValidateNested()
  @Type(() => OrderCustomerDto)
  customer: OrderCustomerDto;

  @ApiProperty({ type: [OrderItemDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one line' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items: OrderItemDto[];

  @ApiProperty({ type: OrderTotalsDto })
  @ValidateNested()
  @Type(() => OrderTotalsDto)
  totals: OrderTotalsDto;

  @ApiPropertyOptional({ type: OrderPaymentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrderPaymentDto)
  payment?: OrderPaymentDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  allergens?: string[];

  @ApiProperty({ type: OrderSourceDto })
  @ValidateNested()
  @Type(() => OrderSourceDto)
  source: OrderSourceDto;

  @ApiPropertyOptional({
    enum: OrderPriority,
    description: 'rush or vip orders go first at every kitchen station; absent means normal',
  })
  @IsOptional()
  @IsIn(ORDER_PRIORITIES, { message: `priority must be one of ${ORDER_PRIORITIES.join(', ')}` })
  priority?: OrderPriority;
}
