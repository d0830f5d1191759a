import type { LeasedPoll } from '../../polling.repository';

/** Poll one integration whose lease `owner` holds, from its stored cursor. */
export class PollIntegrationCommand {
  private constructor(
    readonly poll: LeasedPoll,
    readonly owner: string,
    readonly now: Date,
    readonly trigger: 'schedule' | 'manual',
  ) {}

  static create(
    poll: LeasedPoll,
    owner: string,
    now: Date,
    trigger: 'schedule' | 'manual',
  ): PollIntegrationCommand {
    if (!poll.integrationId || !owner) throw new Error('a poll needs its integration and the lease owner');
    if (Number.isNaN(now.getTime())) throw new Error('a poll needs a valid time');
    return new PollIntegrationCommand(poll, owner, now, trigger);
  }
}
