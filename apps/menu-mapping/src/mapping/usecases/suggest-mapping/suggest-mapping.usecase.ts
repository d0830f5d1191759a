import { BadRequestException, Injectable } from '@nestjs/common';
import { MenuRepository } from '../../../menu/menu.repository';
import type { MappingTargetKind } from '../../../resolution/platform-mapping';
import { Suggestion, suggestTargets } from '../../../resolution/similarity';

/** Candidates for an unmapped platform code: exact PLU/SKU/code first, then by name similarity. */
@Injectable()
export class SuggestMappingUseCase {
  constructor(private readonly menu: MenuRepository) {}

  async execute(
    brandId: string,
    query: { kind: MappingTargetKind; code?: string | null; name?: string | null },
  ): Promise<Suggestion[]> {
    if (!query.code && !query.name) throw new BadRequestException('code or name must be given');
    return suggestTargets(query, await this.menu.candidates(brandId, query.kind));
  }
}
