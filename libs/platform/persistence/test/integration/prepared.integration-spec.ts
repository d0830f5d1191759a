import { DataSource } from 'typeorm';
import { TestEnvironment } from '@hub/testing';
import { preparedRows, serviceDataSourceOptions } from '../../src';

jest.setTimeout(30_000);

describe('preparedRows on real Postgres', () => {
  let environment: TestEnvironment;
  let dataSource: DataSource;
  const SELECT = 'SELECT * FROM probe WHERE id = $1';

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    dataSource = new DataSource(
      serviceDataSourceOptions({
        url: environment.databaseUrl,
        schema: 'prepared',
        service: 'prepared',
        entities: [],
        migrations: [],
      }),
    );
    await dataSource.initialize();
    await dataSource.query('CREATE SCHEMA IF NOT EXISTS prepared');
    await dataSource.query('CREATE TABLE prepared.probe (id int PRIMARY KEY, name text)');
    await dataSource.query("INSERT INTO prepared.probe VALUES (1, 'naan'), (2, 'lassi')");
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await environment?.stop();
  });

  it('prepares a statement once on the transaction’s connection and runs it by name after', async () => {
    const prepared = await dataSource.transaction(async (manager) => {
      expect(await preparedRows(manager, SELECT, [1])).toEqual([{ id: 1, name: 'naan' }]);
      expect(await preparedRows(manager, SELECT, [2])).toEqual([{ id: 2, name: 'lassi' }]);
      return manager.query('SELECT statement FROM pg_prepared_statements');
    });
    expect(prepared).toEqual([{ statement: SELECT }]);
  });

  it('runs on a pooled connection when given the data source, and as a plain query outside a transaction', async () => {
    expect(await preparedRows(dataSource, SELECT, [2])).toEqual([{ id: 2, name: 'lassi' }]);
    expect(await preparedRows(dataSource.manager, SELECT, [1])).toEqual([{ id: 1, name: 'naan' }]);
  });

  it('prepares again under a new name after a migration changed the columns it returns', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      expect(await preparedRows(runner.manager, SELECT, [1])).toEqual([{ id: 1, name: 'naan' }]);
      await dataSource.query('ALTER TABLE prepared.probe ADD COLUMN station text');
      await expect(preparedRows(runner.manager, SELECT, [1])).rejects.toMatchObject({ code: '0A000' });
      expect(await preparedRows(runner.manager, SELECT, [1])).toEqual([
        { id: 1, name: 'naan', station: null },
      ]);
    } finally {
      await runner.release();
    }
  });
});
