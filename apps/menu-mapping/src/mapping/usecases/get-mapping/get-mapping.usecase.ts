import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MappingSetDto } from '../../dto/mapping.dto';
import { MappingScope, MappingsRepository } from '../../mappings.repository';

/** A mapping set as a person edits it: the version in force, the draft, and the history. */
@Injectable()
export class GetMappingUseCase {
  constructor(private readonly mappings: MappingsRepository) {}

  async execute(scope: MappingScope, manager?: EntityManager): Promise<MappingSetDto> {
    const set = await this.mappings.findSet(scope, manager);
    const empty: MappingSetDto = {
      ...scope,
      activeVersion: null,
      activeEntries: [],
      draftVersion: null,
      draftEntries: [],
      versions: [],
    };
    if (!set) return empty;
    const versions = await this.mappings.versions(set.id, manager);
    const active = versions.find((v) => v.id === set.activeVersionId);
    const draft = versions.find((v) => v.state === 'draft');
    return {
      ...empty,
      activeVersion: active?.number ?? null,
      activeEntries: active ? await this.mappings.entries(active.id, manager) : [],
      draftVersion: draft?.number ?? null,
      draftEntries: draft ? await this.mappings.entries(draft.id, manager) : [],
      versions: versions.map(({ id, setId: _set, ...version }) => ({
        ...version,
        active: id === set.activeVersionId,
      })),
    };
  }
}
