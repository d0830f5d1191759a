import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from 'typeorm';
import {
  createEnvelope,
  EventEnvelope,
  MENU_AVAILABILITY_CHANGED_V1,
  MenuAvailabilityChangedV1,
} from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { AvailabilityKind, AvailabilityRepository } from '../../availability.repository';
import { MenuRepository } from '../../menu.repository';

export interface AvailabilityChange {
  venueId: string;
  kind: AvailabilityKind;
  code: string;
  available: boolean;
  /** ISO 8601: the 86 ends by itself then */
  until?: string;
  reason?: string;
  /** the caller's token subject */
  by: string;
}

export interface AvailabilityOutcome {
  kind: AvailabilityKind;
  id: string;
  code: string;
  name: string;
  available: boolean;
  until: string | null;
  /** false when it already was so: nothing stored, no event */
  changed: boolean;
}

/**
 * 86es an item or modifier at a venue (now, or until a time) or brings it back, and announces the
 * change as `menu.v1.availability-changed` in the same transaction (outbox), with the platforms'
 * codes for it, so status-sync can push it to every platform at once.
 */
@Injectable()
export class SetAvailabilityUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly menu: MenuRepository,
    private readonly availability: AvailabilityRepository,
  ) {}

  async execute(change: AvailabilityChange): Promise<AvailabilityOutcome> {
    if (change.until && Date.parse(change.until) <= Date.now()) {
      throw new BadRequestException('until must be in the future');
    }
    if (change.available && change.until)
      throw new BadRequestException('until applies only when available is false');
    const outcome = await this.tx.run(({ manager, emit }) => this.apply(manager, emit, change));
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }

  /** The change inside a caller's transaction. */
  async apply(
    manager: EntityManager,
    emit: (envelope: EventEnvelope) => void,
    change: AvailabilityChange,
  ): Promise<AvailabilityOutcome> {
    const venue = await this.menu.findVenue(change.venueId, manager);
    if (!venue) throw new NotFoundException(`venue ${change.venueId} has no menu`);
    const target =
      change.kind === 'item'
        ? await this.menu.findItemByCode(venue.brandId, change.code, manager)
        : await this.menu.findModifierByCode(venue.brandId, change.code, manager);
    if (!target)
      throw new NotFoundException(`${change.kind} ${change.code} is not on the menu of ${change.venueId}`);
    const until = change.available ? null : change.until ? new Date(change.until).toISOString() : null;
    const current = await this.availability.lockCurrent(manager, venue.id, change.kind, target.id);
    const result = { kind: change.kind, id: target.id, code: target.code, name: target.name };
    const unchanged = change.available
      ? current === null
      : current !== null && current.until === until && (current.reason ?? undefined) === change.reason;
    if (unchanged) {
      return { ...result, available: change.available, until: current?.until ?? null, changed: false };
    }
    if (change.available) {
      await this.availability.remove(manager, venue.id, change.kind, target.id);
    } else {
      await this.availability.save(manager, {
        venueId: venue.id,
        kind: change.kind,
        targetId: target.id,
        until,
        reason: change.reason ?? null,
        changedBy: change.by,
      });
    }
    emit(
      await this.event(manager, venue.brandId, venue.id, {
        ...result,
        available: change.available,
        until,
        reason: change.reason,
        by: change.by,
      }),
    );
    return { ...result, available: change.available, until, changed: true };
  }

  /** The availability-changed event of one item or modifier at a venue. */
  async event(
    manager: EntityManager,
    brandId: string,
    venueId: string,
    change: {
      kind: AvailabilityKind;
      id: string;
      code: string;
      name: string;
      available: boolean;
      until: string | null;
      reason?: string;
      by: string;
    },
  ): Promise<EventEnvelope<MenuAvailabilityChangedV1>> {
    const platformCodes = await this.availability.platformCodes(
      manager,
      brandId,
      venueId,
      change.kind,
      change.id,
    );
    const payload: MenuAvailabilityChangedV1 = {
      kind: change.kind,
      id: change.id,
      code: change.code,
      name: change.name,
      available: change.available,
      ...(change.until ? { until: change.until } : {}),
      ...(change.reason ? { reason: change.reason } : {}),
      changedBy: change.by,
      changedAt: new Date().toISOString(),
      ...(platformCodes.length > 0 ? { platformCodes } : {}),
    };
    return createEnvelope(MENU_AVAILABILITY_CHANGED_V1, payload, {
      venueId,
      aggregateType: change.kind === 'item' ? 'menu-item' : 'menu-modifier',
      aggregateId: change.id,
      correlationId: uuidv7(),
    });
  }
}
