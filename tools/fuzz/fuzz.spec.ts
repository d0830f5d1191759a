import { formatFuzzReport, runFuzz } from './fuzz-run';

// the short version of `npm run fuzz`: its own Postgres and nats-server, the six services as processes
jest.setTimeout(300_000);

describe('fuzz, short: hostile requests at every public route and the kitchen socket', () => {
  it('crashes nothing, answers no 5xx and creates nothing without credentials', async () => {
    const report = await runFuzz({ runs: 600, concurrency: 4, seed: 20261122, checkMemory: false });
    const summary = formatFuzzReport(report);
    const answered = Object.values(report.answers).flatMap((counts) => Object.keys(counts));
    // the requests went through: the services answered with client errors and successes
    expect(answered).toEqual(expect.arrayContaining(['400', '401', '404', '200']));
    expect({
      violations: report.violations,
      created: report.createdUnauthenticated,
      crashes: report.crashes,
      summary,
    }).toEqual({ violations: [], created: {}, crashes: [], summary });
    expect(report.ok).toBe(true);
  });
});
