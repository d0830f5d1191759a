/**
 * `npm run fuzz`: 100,000 hostile requests (fast-check) at every public route of the six services
 * and at the /kitchen socket: malformed, truncated, oversized, wrongly signed, replayed and random
 * bodies and headers, with bad credentials (checked to create nothing) and with good ones. Checks no
 * process exits, no 5xx, nothing created without credentials, and RSS flat after warm-up. Prints a
 * summary; exits 1 on a violation.
 *
 *   npm run fuzz -- --runs 100000 --concurrency 8 --seed 42
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stopRunningSystemsOnSignal } from '../chaos/own-system';
import { DEFAULT_FUZZ_OPTIONS, formatFuzzReport, runFuzz } from './fuzz-run';

stopRunningSystemsOnSignal();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(DEFAULT_FUZZ_OPTIONS.runs) },
      concurrency: { type: 'string', default: String(DEFAULT_FUZZ_OPTIONS.concurrency) },
      seed: { type: 'string', default: String(DEFAULT_FUZZ_OPTIONS.seed) },
      'rss-tolerance': { type: 'string', default: String(DEFAULT_FUZZ_OPTIONS.rssToleranceMb) },
      json: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const concurrency = Number(values.concurrency);
  const seed = Number(values.seed);
  const rssToleranceMb = Number(values['rss-tolerance']);
  if (!(runs > 0) || !(concurrency > 0) || !Number.isInteger(seed) || !(rssToleranceMb > 0)) {
    process.stderr.write(
      'usage: npm run fuzz -- [--runs 100000] [--concurrency 8] [--seed <int>] [--rss-tolerance 30] [--json]\n',
    );
    process.exit(2);
  }
  const startedAt = new Date();
  const report = await runFuzz({
    runs,
    concurrency,
    seed,
    rssToleranceMb,
    logDir: join(process.cwd(), '.hub', 'fuzz-logs'),
    say: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`\nfuzz run of ${startedAt.toISOString()}\n${formatFuzzReport(report)}\n\n`);
  if (values.json) {
    const { samples: _samples, ...summary } = report;
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  }
  process.stdout.write(report.ok ? 'no violation\n' : 'FAILED\n');
  process.exit(report.ok ? 0 : 1);
}

main().catch((error: Error) => {
  process.stderr.write(`fuzz failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
