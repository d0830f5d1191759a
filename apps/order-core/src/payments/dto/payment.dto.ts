import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LedgerEntryDto, PaymentPositionDto } from '@hub/contracts';

export class RecordPaymentDto {
  @ApiProperty({ description: 'minor units (paise, cents), in the order’s currency' })
  @IsInt({ message: 'amount must be a whole number of minor units (paise, cents)' })
  @Min(1)
  @Max(100_000_000_00)
  amount: number;

  @ApiPropertyOptional({ example: 'upi' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  method?: string;

  @ApiPropertyOptional({ description: 'who paid this part of a split bill', example: 'guest at seat 2' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  paidBy?: string;

  @ApiPropertyOptional({
    description:
      'your reference (terminal slip, platform payment id); the same reference again records nothing',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference?: string;
}

export class RefundOrderDto {
  @ApiPropertyOptional({ description: 'minor units; give this or lineIds' })
  @IsOptional()
  @IsInt({ message: 'amount must be a whole number of minor units (paise, cents)' })
  @Min(1)
  amount?: number;

  @ApiPropertyOptional({ description: 'refund these lines in full; give this or amount' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  lineIds?: string[];

  @ApiProperty({ example: 'item missing from the bag' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({ description: 'your reference; the same reference again records nothing' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference?: string;
}

export class LedgerDto {
  @ApiProperty({ type: [LedgerEntryDto] }) entries: LedgerEntryDto[];
  @ApiProperty({ type: PaymentPositionDto }) position: PaymentPositionDto;
}

export class ReconciliationRowDto {
  @ApiProperty() orderId: string;
  @ApiProperty() displayNumber: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'what the order should have been charged (minor units)' }) total: number;
  @ApiProperty() currency: string;
  @ApiProperty() paid: number;
  @ApiProperty() refunded: number;
  @ApiProperty({
    description: 'paid - refunded - expected: positive is money to give back, negative money not collected',
  })
  difference: number;
}
