import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { findInfrastructure, findOnPath, startEmbeddedPostgres, startNatsServer } from '../../src';

jest.setTimeout(120_000);

/** The fallbacks of `npm start` and `npm test` when no Postgres or NATS answers: they must keep working. */
describe('infrastructure discovery', () => {
  it('starts an embedded Postgres that answers queries, and removes it', async () => {
    const pg = await startEmbeddedPostgres();
    try {
      const client = new Client({ connectionString: pg.url });
      await client.connect();
      const [row] = (await client.query('SELECT current_user AS "user", 6 * 7 AS answer')).rows;
      await client.end();
      expect(row).toEqual({ user: 'postgres', answer: 42 });
    } finally {
      await pg.stop();
    }
  });

  it('starts a nats-server from PATH with JetStream', async () => {
    const binary = findOnPath('nats-server');
    expect(binary).toBeDefined();
    const nats = await startNatsServer(binary!);
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'] });
      expect((await jsm.streams.info('PROBE')).config.subjects).toEqual(['probe.>']);
    } finally {
      await nc.close();
      await nats.stop();
    }
  });

  it('takes DATABASE_URL and NATS_URL from the environment first', async () => {
    const saved = { db: process.env.DATABASE_URL, nats: process.env.NATS_URL };
    process.env.DATABASE_URL = 'postgres://someone@db.example:5432/x';
    process.env.NATS_URL = 'nats://bus.example:4222';
    try {
      const found = await findInfrastructure({ allowEmbedded: false, allowContainers: false });
      expect(found).toMatchObject({
        adminDatabaseUrl: 'postgres://someone@db.example:5432/x',
        natsUrl: 'nats://bus.example:4222',
        source: { postgres: 'env', nats: 'env' },
      });
    } finally {
      process.env.DATABASE_URL = saved.db;
      process.env.NATS_URL = saved.nats;
      if (saved.db === undefined) delete process.env.DATABASE_URL;
      if (saved.nats === undefined) delete process.env.NATS_URL;
    }
  });
});
