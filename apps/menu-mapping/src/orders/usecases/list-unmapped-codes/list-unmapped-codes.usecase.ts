import { Injectable, NotFoundException } from '@nestjs/common';
import { MenuRepository } from '../../../menu/menu.repository';
import type { UnresolvedCode } from '../../../resolution/validate-order';
import { SuggestMappingUseCase } from '../../../mapping/usecases/suggest-mapping/suggest-mapping.usecase';
import { AttentionOrdersRepository } from '../../attention-orders.repository';
import type { UnmappedCodeDto } from '../../dto/attention.dto';
import { OrderValidator } from '../../order-validator';

/** The platform codes that keep a venue's orders waiting, with how many orders each holds and suggestions. */
@Injectable()
export class ListUnmappedCodesUseCase {
  constructor(
    private readonly attention: AttentionOrdersRepository,
    private readonly validator: OrderValidator,
    private readonly menu: MenuRepository,
    private readonly suggest: SuggestMappingUseCase,
  ) {}

  async execute(venueId: string, platform: string): Promise<UnmappedCodeDto[]> {
    const venue = await this.menu.findVenue(venueId);
    if (!venue) throw new NotFoundException(`venue ${venueId} has no menu`);
    const waiting = await this.attention.list(venueId, { state: 'waiting', platform, limit: 200 });
    const codes = new Map<string, UnresolvedCode & { orders: number }>();
    for (const row of waiting) {
      const result = await this.validator.validate(row.order);
      if (result.ok) continue;
      const seen = new Set<string>();
      for (const code of result.unresolved) {
        const key = `${code.kind}|${code.code ?? ''}|${code.name}`;
        const entry = codes.get(key) ?? { ...code, orders: 0 };
        if (!seen.has(key)) entry.orders += 1;
        seen.add(key);
        codes.set(key, entry);
      }
    }
    const list: UnmappedCodeDto[] = [];
    for (const code of codes.values()) {
      list.push({ ...code, suggestions: await this.suggest.execute(venue.brandId, code) });
    }
    return list.sort((a, b) => b.orders - a.orders || a.name.localeCompare(b.name));
  }
}
