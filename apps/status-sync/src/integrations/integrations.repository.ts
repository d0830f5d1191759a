import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IntegrationSettings } from '@hub/aggregators';
import type { IntakeIntegrationSavedV1 } from '@hub/contracts';
import { SecretBox } from '@hub/secrets';
import { preparedRows } from '@hub/persistence';

export interface IntegrationRow {
  id: string;
  venue_id: string;
  platform: string;
  store_ref: string;
  secret_sealed: string;
  credentials_sealed: string | null;
  notification_url: string | null;
  api_base_url: string | null;
  currency: string | null;
  /** a declarative platform's mapping with its callback templates (no secret in it) */
  mapping: Record<string, unknown> | null;
  saved_at: Date;
}

/**
 * status-sync's replica of intake's integrations, fed by `intake.v1.integration-saved` (never by
 * reading intake's tables). Secrets stay sealed at rest and are opened only to call the platform.
 */
@Injectable()
export class IntegrationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  /** Applies a save; an older save arriving late does not overwrite a newer one. */
  async upsert(manager: EntityManager, saved: IntakeIntegrationSavedV1): Promise<void> {
    await manager.query(
      `INSERT INTO integrations (id, venue_id, platform, store_ref, secret_sealed, credentials_sealed, notification_url, api_base_url, currency, saved_at, mapping)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
       ON CONFLICT ON CONSTRAINT integrations_venue_platform_uq DO UPDATE SET id = EXCLUDED.id, store_ref = EXCLUDED.store_ref,
         secret_sealed = EXCLUDED.secret_sealed, credentials_sealed = EXCLUDED.credentials_sealed,
         notification_url = EXCLUDED.notification_url, api_base_url = EXCLUDED.api_base_url, currency = EXCLUDED.currency,
         saved_at = EXCLUDED.saved_at, mapping = EXCLUDED.mapping
       WHERE integrations.saved_at <= EXCLUDED.saved_at`,
      [
        saved.integrationId,
        saved.venueId,
        saved.platform,
        saved.storeRef,
        saved.secretSealed,
        saved.credentialsSealed ?? null,
        saved.notificationUrl ?? null,
        saved.apiBaseUrl ?? null,
        saved.currency ?? null,
        saved.savedAt,
        saved.mapping ? JSON.stringify(saved.mapping) : null,
      ],
    );
  }

  async find(
    venueId: string,
    platform: string,
    manager?: EntityManager,
  ): Promise<IntegrationRow | undefined> {
    const rows: IntegrationRow[] = await (manager ?? this.dataSource).query(
      'SELECT * FROM integrations WHERE venue_id = $1 AND platform = $2',
      [venueId, platform],
    );
    return rows[0];
  }

  /**
   * Everything an order's status change may be told to, in one autocommit statement: the order's
   * platform integration at its venue (at most one: unique on venue and platform), and whether the
   * venue has a customer-notification webhook.
   */
  async statusTargets(
    venueId: string,
    platform: string,
  ): Promise<{ integration: IntegrationRow | undefined; venueNotifies: boolean }> {
    const [row] = await preparedRows<Partial<IntegrationRow> & { venue_notifies: boolean }>(
      this.dataSource,
      `SELECT i.*, EXISTS (SELECT 1 FROM notification_endpoints WHERE venue_id = $1) AS venue_notifies
       FROM (SELECT 1) AS one LEFT JOIN integrations i ON i.venue_id = $1 AND i.platform = $2`,
      [venueId, platform],
    );
    const { venue_notifies: venueNotifies, ...integration } = row;
    return {
      integration: integration.id ? (integration as IntegrationRow) : undefined,
      venueNotifies,
    };
  }

  /** The venue's integrations: of one platform, or all of them (`*`). */
  async findForChannel(venueId: string, channel: string, manager: EntityManager): Promise<IntegrationRow[]> {
    return manager.query(
      "SELECT * FROM integrations WHERE venue_id = $1 AND ($2 = '*' OR platform = $2) ORDER BY platform",
      [venueId, channel],
    );
  }

  async findById(id: string): Promise<IntegrationRow | undefined> {
    const rows: IntegrationRow[] = await this.dataSource.query('SELECT * FROM integrations WHERE id = $1', [
      id,
    ]);
    return rows[0];
  }

  /** The settings the adapters take, secrets opened (to call the platform, never to log or return). */
  open(row: IntegrationRow): IntegrationSettings {
    return {
      ...this.sealedFree(row),
      secret: this.box.open(row.secret_sealed),
      ...(row.credentials_sealed
        ? { credentials: JSON.parse(this.box.open(row.credentials_sealed)) as Record<string, string> }
        : {}),
    };
  }

  /**
   * The settings to decide, at enqueue time, whether a platform can take a call: opened when they can
   * be (a builder may need a non-secret part of the credentials, such as Deliveroo's brand id), else
   * without secrets. Only handed to the pure builders, never logged nor stored.
   */
  forProbe(row: IntegrationRow): IntegrationSettings {
    try {
      return this.open(row);
    } catch {
      return this.sealedFree(row);
    }
  }

  /** The settings without any secret: enough to decide what a platform supports. */
  sealedFree(row: IntegrationRow): IntegrationSettings {
    return {
      venueId: row.venue_id,
      storeRef: row.store_ref,
      secret: '',
      ...(row.notification_url ? { notificationUrl: row.notification_url } : {}),
      ...(row.api_base_url ? { apiBaseUrl: row.api_base_url } : {}),
      ...(row.currency ? { currency: row.currency } : {}),
      ...(row.mapping ? { mapping: row.mapping } : {}),
    };
  }
}
