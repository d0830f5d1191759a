import type { DataSourceOptions } from 'typeorm';

export interface ServiceDataSourceConfig {
  url: string;
  /** the service's own Postgres schema: intake, menu, orders, kot, status_sync, reporting */
  schema: string;
  service: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
}

export const SCHEMA_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * TypeORM on pg for one service: its own schema (also the connection's search_path, so raw SQL in
 * repositories is unqualified), its own migrations table, never `synchronize`.
 */
export function serviceDataSourceOptions(config: ServiceDataSourceConfig): DataSourceOptions {
  if (!SCHEMA_PATTERN.test(config.schema)) {
    throw new Error(`invalid schema name: ${config.schema}`);
  }
  return {
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    entities: config.entities,
    migrations: config.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    applicationName: config.service,
    extra: {
      max: config.poolSize ?? 10,
      options: `-c search_path=${config.schema},public`,
      connectionTimeoutMillis: 5000,
    },
  };
}
