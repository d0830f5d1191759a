import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { IntegrationSettings } from '@hub/aggregators';
import { createEnvelope, INTAKE_INTEGRATION_SAVED_V1, IntakeIntegrationSavedV1 } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import type { IntegrationDto, IntegrationPollingDto, SaveIntegrationDto } from './dto/integration.dto';
import { SecretBox } from '@hub/secrets';
import { preparedRows } from '@hub/persistence';

interface IntegrationRow {
  id: string;
  venue_id: string;
  platform: string;
  store_ref: string;
  secret_enc: string;
  credentials_enc: string | null;
  notification_url: string | null;
  api_base_url: string | null;
  poll_interval_seconds: number | null;
  currency: string | null;
  /** absent until migration 1764300000000 has run */
  mapping?: Record<string, unknown> | null;
  updated_at: Date;
}

export interface Integration {
  id: string;
  venueId: string;
  platform: string;
  settings: IntegrationSettings;
}

const MASK = '********';

/** The integration's poll cursor row (`intake.poll_cursors`), when it is polled. */
interface PollColumns {
  next_poll_at: Date | null;
  last_polled_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  consecutive_failures: number | null;
}

const iso = (at: Date | null): string | undefined => (at ? new Date(at).toISOString() : undefined);

function pollingOf(row: PollColumns): IntegrationPollingDto {
  return {
    nextPollAt: iso(row.next_poll_at)!,
    ...(row.last_polled_at ? { lastPolledAt: iso(row.last_polled_at) } : {}),
    ...(row.last_success_at ? { lastSuccessAt: iso(row.last_success_at) } : {}),
    ...(row.last_error ? { lastError: row.last_error, lastErrorAt: iso(row.last_error_at) } : {}),
    consecutiveFailures: row.consecutive_failures ?? 0,
  };
}

@Injectable()
export class IntegrationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly events: EventTransaction,
  ) {}

  /**
   * Creates or replaces the venue's integration with the platform and, in the same transaction,
   * emits `intake.v1.integration-saved` with the secret and credentials still sealed, so status-sync
   * keeps its own replica without reading intake's tables.
   */
  async save(venueId: string, platform: string, body: SaveIntegrationDto): Promise<IntegrationDto> {
    const secretSealed = this.box.seal(body.secret);
    const credentialsSealed = body.credentials ? this.box.seal(JSON.stringify(body.credentials)) : null;
    await this.events.run(async ({ manager, emit }) => {
      const [saved]: Array<{ id: string; created: boolean; updated_at: Date }> = await manager.query(
        `INSERT INTO integrations (id, venue_id, platform, store_ref, secret_enc, credentials_enc, notification_url, api_base_url, poll_interval_seconds, currency, mapping)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
         ON CONFLICT ON CONSTRAINT integrations_venue_platform_uq DO UPDATE SET store_ref = EXCLUDED.store_ref, secret_enc = EXCLUDED.secret_enc,
           credentials_enc = EXCLUDED.credentials_enc, notification_url = EXCLUDED.notification_url, api_base_url = EXCLUDED.api_base_url,
           poll_interval_seconds = EXCLUDED.poll_interval_seconds, currency = EXCLUDED.currency, mapping = EXCLUDED.mapping, updated_at = now()
         RETURNING id, (xmax = 0) AS created, updated_at`,
        [
          uuidv7(),
          venueId,
          platform,
          body.storeRef,
          secretSealed,
          credentialsSealed,
          body.notificationUrl ?? null,
          body.apiBaseUrl ?? null,
          body.pollIntervalSeconds ?? null,
          body.currency ?? null,
          body.mapping ? JSON.stringify(body.mapping) : null,
        ],
      );
      const payload: IntakeIntegrationSavedV1 = {
        integrationId: saved.id,
        venueId,
        platform,
        storeRef: body.storeRef,
        secretSealed,
        ...(credentialsSealed ? { credentialsSealed } : {}),
        ...(body.notificationUrl ? { notificationUrl: body.notificationUrl } : {}),
        ...(body.apiBaseUrl ? { apiBaseUrl: body.apiBaseUrl } : {}),
        ...(body.currency ? { currency: body.currency } : {}),
        ...(body.mapping ? { mapping: body.mapping } : {}),
        change: saved.created ? 'created' : 'updated',
        savedAt: new Date(saved.updated_at).toISOString(),
      };
      emit(
        createEnvelope(INTAKE_INTEGRATION_SAVED_V1, payload, {
          venueId,
          aggregateType: 'integration',
          aggregateId: saved.id,
          correlationId: saved.id,
        }),
      );
    });
    return (await this.list(venueId)).find((i) => i.platform === platform)!;
  }

  /** The venue's integrations, secrets masked. */
  async list(venueId: string): Promise<IntegrationDto[]> {
    const rows: Array<IntegrationRow & PollColumns> = await this.dataSource.query(
      `SELECT i.*, c.next_poll_at, c.last_polled_at, c.last_success_at, c.last_error, c.last_error_at,
              c.consecutive_failures
         FROM integrations i LEFT JOIN poll_cursors c ON c.integration_id = i.id
        WHERE i.venue_id = $1 ORDER BY i.platform`,
      [venueId],
    );
    return rows.map((row) => ({
      id: row.id,
      venueId: row.venue_id,
      platform: row.platform,
      storeRef: row.store_ref,
      secret: MASK,
      ...(row.credentials_enc
        ? {
            credentials: Object.fromEntries(
              Object.keys(JSON.parse(this.box.open(row.credentials_enc)) as object).map((k) => [k, MASK]),
            ),
          }
        : {}),
      ...(row.notification_url ? { notificationUrl: row.notification_url } : {}),
      ...(row.api_base_url ? { apiBaseUrl: row.api_base_url } : {}),
      ...(row.poll_interval_seconds ? { pollIntervalSeconds: row.poll_interval_seconds } : {}),
      ...(row.currency ? { currency: row.currency } : {}),
      ...(row.mapping ? { mapping: row.mapping } : {}),
      ...(row.next_poll_at ? { polling: pollingOf(row) } : {}),
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  /** The integration a webhook is for, by the platform's store reference, with its secrets opened. */
  async findByStoreRef(platform: string, storeRef: string): Promise<Integration | null> {
    const [row] = await preparedRows<IntegrationRow>(
      this.dataSource,
      'SELECT * FROM integrations WHERE platform = $1 AND store_ref = $2',
      [platform, storeRef],
    );
    return row ? this.opened(row) : null;
  }

  /** The venue's integration with a platform, secrets opened (the thin-event fetcher's view). */
  async findByVenue(venueId: string, platform: string): Promise<Integration | null> {
    const [row]: IntegrationRow[] = await this.dataSource.query(
      'SELECT * FROM integrations WHERE venue_id = $1 AND platform = $2',
      [venueId, platform],
    );
    return row ? this.opened(row) : null;
  }

  private opened(row: IntegrationRow): Integration {
    return {
      id: row.id,
      venueId: row.venue_id,
      platform: row.platform,
      settings: {
        venueId: row.venue_id,
        storeRef: row.store_ref,
        secret: this.box.open(row.secret_enc),
        ...(row.notification_url ? { notificationUrl: row.notification_url } : {}),
        ...(row.api_base_url ? { apiBaseUrl: row.api_base_url } : {}),
        ...(row.credentials_enc
          ? { credentials: JSON.parse(this.box.open(row.credentials_enc)) as Record<string, string> }
          : {}),
        ...(row.currency ? { currency: row.currency } : {}),
        ...(row.mapping ? { mapping: row.mapping } : {}),
      },
    };
  }
}
