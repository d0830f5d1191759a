import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventTransaction } from '@hub/messaging';
import { MenuRepository } from '../../../menu/menu.repository';
import type { EditMappingDraftDto, MappingSetDto } from '../../dto/mapping.dto';
import { MappingScope, MappingsRepository } from '../../mappings.repository';
import { GetMappingUseCase } from '../get-mapping/get-mapping.usecase';

/**
 * Edits the draft of a mapping set (created on first edit from the version in force). Nothing changes
 * how orders resolve until the draft is published.
 */
@Injectable()
export class EditMappingDraftUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly mappings: MappingsRepository,
    private readonly menu: MenuRepository,
    private readonly view: GetMappingUseCase,
  ) {}

  async put(scope: MappingScope, body: EditMappingDraftDto, by: string): Promise<MappingSetDto> {
    return this.run(async (manager) => {
      const targets: string[] = [];
      const problems: string[] = [];
      for (const [i, entry] of body.entries.entries()) {
        const target =
          entry.kind === 'item'
            ? await this.menu.findItemByCode(scope.brandId, entry.targetCode, manager)
            : await this.menu.findModifierByCode(scope.brandId, entry.targetCode, manager);
        if (!target)
          problems.push(
            `entries.${i}.targetCode: no ${entry.kind} ${entry.targetCode} on brand ${scope.brandId}`,
          );
        else targets.push(target.id);
      }
      if (problems.length > 0) throw new BadRequestException(problems);
      const set = await this.mappings.lockOrCreateSet(manager, scope);
      const draft =
        (await this.mappings.draft(set.id, manager)) ?? (await this.mappings.createDraft(manager, set, by));
      if (body.replace) await this.mappings.clearEntries(manager, draft.id);
      for (const [i, entry] of body.entries.entries()) {
        await this.mappings.putEntry(manager, draft.id, { ...entry, targetId: targets[i] });
      }
    }, scope);
  }

  async removeEntry(scope: MappingScope, entryId: string): Promise<MappingSetDto> {
    return this.run(async (manager) => {
      const set = await this.mappings.findSet(scope, manager, true);
      const draft = set ? await this.mappings.draft(set.id, manager) : null;
      if (!draft) throw new ConflictException(`there is no draft of the ${scope.platform} mapping to edit`);
      if (!(await this.mappings.deleteEntry(manager, draft.id, entryId))) {
        throw new NotFoundException(`entry ${entryId} is not in the draft`);
      }
    }, scope);
  }

  async discard(scope: MappingScope): Promise<MappingSetDto> {
    return this.run(async (manager) => {
      const set = await this.mappings.findSet(scope, manager, true);
      const draft = set ? await this.mappings.draft(set.id, manager) : null;
      if (!draft)
        throw new ConflictException(`there is no draft of the ${scope.platform} mapping to discard`);
      await this.mappings.deleteVersion(manager, draft.id);
    }, scope);
  }

  private async run(
    work: (manager: EntityManager) => Promise<void>,
    scope: MappingScope,
  ): Promise<MappingSetDto> {
    const outcome = await this.tx.run(async ({ manager }) => {
      await work(manager);
      return this.view.execute(scope, manager);
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
