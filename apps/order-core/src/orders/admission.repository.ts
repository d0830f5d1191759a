import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AcceptancePolicy, policyOf, PolicyRow } from '../acceptance/acceptance-policies.repository';
import { ControlsForOrder, controlsOf, ControlsRow } from '../store-controls/store-controls.repository';
import { preparedRows } from '@hub/persistence';

type AdmissionRow = Partial<ControlsRow> & {
  policy_mode: PolicyRow['mode'] | null;
  policy_deadline_seconds: number | null;
  policy_on_timeout: PolicyRow['on_timeout'] | null;
};

/**
 * What decides a mapped order's admission, read together because they are always needed together:
 * the store controls of its channel and of the venue (pause, busy mode, capacities) and the
 * acceptance policy that applies (the channel's own, else the venue's `*`, else auto).
 */
@Injectable()
export class AdmissionRepository {
  /**
   * One statement: a row per control row (`*` first), each carrying the policy's columns; a single
   * row of nulls apart from the policy when the venue has no controls for the channel.
   */
  async settingsFor(
    manager: EntityManager,
    venueId: string,
    channel: string,
  ): Promise<{ controls: ControlsForOrder; policy: AcceptancePolicy }> {
    const rows = await preparedRows<AdmissionRow>(
      manager,
      `SELECT c.*, p.mode AS policy_mode, p.deadline_seconds AS policy_deadline_seconds, p.on_timeout AS policy_on_timeout
       FROM (SELECT 1) AS one
       LEFT JOIN store_controls c ON c.venue_id = $1 AND c.channel IN ($2, '*')
       LEFT JOIN LATERAL (
         SELECT * FROM acceptance_policies WHERE venue_id = $1 AND channel IN ($2, '*') ORDER BY channel = '*' LIMIT 1
       ) p ON true
       ORDER BY c.channel = '*' DESC`,
      [venueId, channel],
    );
    const [first] = rows;
    const policy = policyOf(
      first?.policy_mode
        ? {
            venue_id: venueId,
            channel,
            mode: first.policy_mode,
            deadline_seconds: first.policy_deadline_seconds!,
            on_timeout: first.policy_on_timeout!,
          }
        : undefined,
    );
    const controls = controlsOf(
      rows.filter((row): row is AdmissionRow & ControlsRow => row.venue_id != null),
    );
    return { controls, policy };
  }
}
