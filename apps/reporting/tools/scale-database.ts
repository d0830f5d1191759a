import { DataSource } from 'typeorm';
import { runServiceMigrations, serviceDataSourceOptions } from '@hub/persistence';
import { CreateReportingSchema1763800000000 } from '../migrations/1763800000000-CreateReportingSchema';
import { CreateReadModels1764100000000 } from '../migrations/1764100000000-CreateReadModels';
import { REPORTING_SERVICE } from '../src/constants/reporting-service.constant';

/** reporting's schema on the given database, migrated (for the load seed and measurements). */
export async function openReportingDatabase(url: string): Promise<DataSource> {
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url,
      schema: 'reporting',
      service: `${REPORTING_SERVICE}-scale`,
      entities: [],
      migrations: [CreateReportingSchema1763800000000, CreateReadModels1764100000000],
      poolSize: 4,
    }),
  );
  await dataSource.initialize();
  await runServiceMigrations(dataSource);
  return dataSource;
}
