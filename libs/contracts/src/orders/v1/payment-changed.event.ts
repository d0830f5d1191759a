import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CURRENCY_PATTERN, PaymentStatus } from '@hub/order-model';

export const ORDERS_PAYMENT_CHANGED_V1 = 'orders.v1.payment-changed';

/** One line of an order's money ledger: a payment or a refund. */
export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ enum: ['payment', 'refund'] }) @IsIn(['payment', 'refund']) kind: 'payment' | 'refund';
  @ApiProperty({ description: 'minor units' }) @IsInt() @Min(1) amount: number;
  @ApiProperty() @Matches(CURRENCY_PATTERN) currency: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) method?: string;
  @ApiPropertyOptional({ description: 'who paid this part of a split bill' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  paidBy?: string;
  @ApiPropertyOptional({ description: 'the refunded lines' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  lineIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
  @ApiPropertyOptional({
    description: 'the caller’s or platform’s reference; the same reference again records nothing',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
  @ApiProperty() @IsISO8601({ strict: true }) at: string;
}

export class PaymentPositionDto {
  @ApiProperty({ enum: PaymentStatus }) @IsIn(Object.values(PaymentStatus)) status: PaymentStatus;
  @ApiProperty() @IsInt() paid: number;
  @ApiProperty() @IsInt() refunded: number;
  @ApiProperty() @IsInt() net: number;
  @ApiProperty() @IsInt() outstanding: number;
  @ApiProperty() @Matches(CURRENCY_PATTERN) currency: string;
}

/** A payment or refund was recorded on an order. Consumed by reporting and status-sync. */
export class OrderPaymentChangedV1 {
  @IsUUID()
  orderId: string;

  @ValidateNested()
  @Type(() => LedgerEntryDto)
  entry: LedgerEntryDto;

  @ValidateNested()
  @Type(() => PaymentPositionDto)
  position: PaymentPositionDto;
}
