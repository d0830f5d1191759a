import { ConflictException, Injectable } from '@nestjs/common';
import { EventTransaction } from '@hub/messaging';
import type { PublishMappingDto, PublishResultDto } from '../../dto/mapping.dto';
import { MappingScope, MappingsRepository } from '../../mappings.repository';
import { DryRunMappingUseCase } from '../dry-run-mapping/dry-run-mapping.usecase';

/**
 * Publishes the draft of a mapping set: it becomes the version in force for every order from then
 * on. The dry run goes first; when it finds recent orders that would now fail, publishing is refused
 * (409, naming them) unless `force` is set.
 */
@Injectable()
export class PublishMappingUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly mappings: MappingsRepository,
    private readonly dryRun: DryRunMappingUseCase,
  ) {}

  async execute(scope: MappingScope, body: PublishMappingDto, by: string): Promise<PublishResultDto> {
    const outcome = await this.tx.run(async ({ manager }) => {
      const set = await this.mappings.findSet(scope, manager, true);
      const draft = set ? await this.mappings.draft(set.id, manager) : null;
      if (!set || !draft)
        throw new ConflictException(`there is no draft of the ${scope.platform} mapping to publish`);
      const report = await this.dryRun.execute(scope, manager);
      if (report.nowFailing.length > 0 && !body.force) {
        const named = report.nowFailing
          .slice(0, 10)
          .map((o) => `${o.channel}/${o.externalId} (${o.reasons.map((r) => r.message).join('; ')})`);
        throw new ConflictException(
          `version ${draft.number} would fail ${report.nowFailing.length} recent order(s) that pass today: ` +
            `${named.join(', ')}. Fix the draft, or publish with force: true`,
        );
      }
      await this.mappings.markPublished(manager, draft.id, by, body.note ?? null);
      await this.mappings.activate(manager, set.id, draft.id, 'publish', by);
      return { version: draft.number, report };
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
