import { formatReport, runChaos } from './chaos-run';

// the short chaos run of `npm test`: its own Postgres and nats-server, the six services as processes
jest.setTimeout(360_000);

describe('chaos, short: order-core killed and nats-server restarted under load', () => {
  it('loses and doubles no order, ticket or status callback, and recovers', async () => {
    const report = await runChaos({
      rate: 2,
      faults: ['kill:order-core', 'nats'],
      outageSeconds: 2,
      loadSeconds: 3,
      settleTimeoutSeconds: 120,
    });
    const table = formatReport(report);
    expect(report.outcomes.map((o) => o.fault)).toEqual(['kill:order-core', 'nats', 'end (all orders)']);
    const end = report.outcomes.at(-1)!;
    // something real went through: orders, tickets on the sockets and callbacks at the stand-in
    expect({ acked: end.tally.acked > 0, tickets: end.tally.ticketsExpected > 0 }).toEqual({
      acked: true,
      tickets: true,
    });
    expect(end.tally.callbacksExpected).toBeGreaterThan(0);
    expect({ ok: report.ok, problems: report.outcomes.flatMap((o) => o.problems), table }).toEqual({
      ok: true,
      problems: [],
      table,
    });
    for (const outcome of report.outcomes) expect(outcome.recoverMs).toBeDefined();
  });
});
