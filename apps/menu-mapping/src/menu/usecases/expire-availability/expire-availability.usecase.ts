import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventTransaction } from '@hub/messaging';
import { MENU_SETTINGS } from '../../../settings/constants/menu-settings.constant';
import type { MenuSettings } from '../../../settings/menu-settings';
import { AvailabilityRepository } from '../../availability.repository';
import { MenuRepository } from '../../menu.repository';
import { SetAvailabilityUseCase } from '../set-availability/set-availability.usecase';

const BATCH = 100;

/**
 * Lifts the 86s whose time has passed and announces each (`available: true`, changedBy `system`).
 * Validation already treats them as lifted from their end time on; this makes it visible on the bus.
 */
@Injectable()
export class ExpireAvailabilityUseCase implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExpireAvailabilityUseCase.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly tx: EventTransaction,
    private readonly menu: MenuRepository,
    private readonly availability: AvailabilityRepository,
    private readonly setAvailability: SetAvailabilityUseCase,
    @Inject(MENU_SETTINGS) private readonly settings: MenuSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.execute()
        .catch((error: Error) => {
          this.logger.warn(`could not lift expired 86s: ${error.message}`);
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, this.settings.availabilitySweepMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; returns how many 86s were lifted. */
  async execute(): Promise<number> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const expired = await this.availability.takeExpired(manager, BATCH);
      for (const row of expired) {
        const venue = await this.menu.findVenue(row.venueId, manager);
        const target = await this.menu.findTarget(row.kind, row.targetId, manager);
        if (!venue || !target) continue;
        emit(
          await this.setAvailability.event(manager, venue.brandId, venue.id, {
            kind: row.kind,
            id: target.id,
            code: target.code,
            name: target.name,
            available: true,
            until: null,
            by: 'system',
          }),
        );
      }
      return expired.length;
    });
    return outcome.duplicate ? 0 : outcome.result;
  }
}
