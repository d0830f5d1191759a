import { IsDefined, IsString } from 'class-validator';

/**
 * An Olo order event. Olo's event schemas are behind its gated developer portal: this checks only
 * the envelope the adapter needs (see __fixtures__/SOURCES.md).
 */
export class OloOrderEventDto {
  @IsString() eventType: string;
  @IsDefined() orderId: unknown;
}
