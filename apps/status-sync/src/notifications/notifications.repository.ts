import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecretBox } from '@hub/secrets';

export interface NotificationEndpoint {
  venueId: string;
  url: string;
  updatedAt: string;
}

/** The venue's customer-notification webhook: URL and signing secret (sealed at rest). */
@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  async save(venueId: string, url: string, secret: string, updatedBy: string): Promise<NotificationEndpoint> {
    const [row]: Array<{ updated_at: Date }> = await this.dataSource.query(
      `INSERT INTO notification_endpoints (venue_id, url, secret_sealed, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (venue_id) DO UPDATE SET url = EXCLUDED.url, secret_sealed = EXCLUDED.secret_sealed,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING updated_at`,
      [venueId, url, this.box.seal(secret), updatedBy],
    );
    return { venueId, url, updatedAt: row.updated_at.toISOString() };
  }

  async find(venueId: string): Promise<NotificationEndpoint | undefined> {
    const rows: Array<{ url: string; updated_at: Date }> = await this.dataSource.query(
      'SELECT url, updated_at FROM notification_endpoints WHERE venue_id = $1',
      [venueId],
    );
    return rows[0] ? { venueId, url: rows[0].url, updatedAt: rows[0].updated_at.toISOString() } : undefined;
  }

  /** URL and opened secret, to sign and send one notification. */
  async openEndpoint(venueId: string): Promise<{ url: string; secret: string } | undefined> {
    const rows: Array<{ url: string; secret_sealed: string }> = await this.dataSource.query(
      'SELECT url, secret_sealed FROM notification_endpoints WHERE venue_id = $1',
      [venueId],
    );
    return rows[0] ? { url: rows[0].url, secret: this.box.open(rows[0].secret_sealed) } : undefined;
  }
}
