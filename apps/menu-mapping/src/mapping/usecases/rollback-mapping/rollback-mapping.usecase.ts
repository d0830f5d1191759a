import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventTransaction } from '@hub/messaging';
import type { MappingSetDto, RollbackMappingDto } from '../../dto/mapping.dto';
import { MappingScope, MappingsRepository } from '../../mappings.repository';
import { GetMappingUseCase } from '../get-mapping/get-mapping.usecase';

/** Puts an earlier published version back in force (default: the one published before the current). */
@Injectable()
export class RollbackMappingUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly mappings: MappingsRepository,
    private readonly view: GetMappingUseCase,
  ) {}

  async execute(scope: MappingScope, body: RollbackMappingDto, by: string): Promise<MappingSetDto> {
    const outcome = await this.tx.run(async ({ manager }) => {
      const set = await this.mappings.findSet(scope, manager, true);
      if (!set?.activeVersionId)
        throw new ConflictException(`the ${scope.platform} mapping has no version in force`);
      const versions = await this.mappings.versions(set.id, manager);
      const current = versions.find((v) => v.id === set.activeVersionId)!;
      const published = versions.filter((v) => v.state === 'published' && v.id !== current.id);
      const target =
        body.version !== undefined
          ? published.find((v) => v.number === body.version)
          : published.filter((v) => v.number < current.number).pop();
      if (!target) {
        throw new NotFoundException(
          body.version !== undefined
            ? `version ${body.version} is not a published version other than the one in force (${current.number})`
            : `there is no published version before ${current.number}`,
        );
      }
      await this.mappings.activate(manager, set.id, target.id, 'rollback', by);
      return this.view.execute(scope, manager);
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
