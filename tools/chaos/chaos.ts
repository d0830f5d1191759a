/**
 * `npm run chaos`: the whole system on its own Postgres and nats-server (spare ports, temporary
 * directories), signed platform webhooks at a steady rate, and in turn: kill -9 of each service and
 * its restart, nats-server stopped and started, Postgres stopped (immediate, as in a crash) and
 * started, a station's socket gone for a while. After each fault it waits for the system to settle
 * and checks that every acknowledged webhook became exactly one order, every order's tickets
 * reached their stations exactly once (after sync) and every status callback reached the stand-in
 * platform exactly once. Prints a table; exits 1 on any loss or duplicate.
 *
 *   npm run chaos -- --rate 5 --faults kill:order-core,nats,postgres,pause --pause 30 --outage 5
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stopRunningSystemsOnSignal } from './own-system';
import { ALL_FAULTS, DEFAULT_OPTIONS, Fault, formatReport, runChaos } from './chaos-run';

stopRunningSystemsOnSignal();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: String(DEFAULT_OPTIONS.rate) },
      faults: { type: 'string', default: ALL_FAULTS.join(',') },
      outage: { type: 'string', default: String(DEFAULT_OPTIONS.outageSeconds) },
      pause: { type: 'string', default: String(DEFAULT_OPTIONS.pauseSeconds) },
      load: { type: 'string', default: String(DEFAULT_OPTIONS.loadSeconds) },
      'settle-timeout': { type: 'string', default: String(DEFAULT_OPTIONS.settleTimeoutSeconds) },
      json: { type: 'boolean', default: false },
    },
  });
  const faults = values.faults!.split(',').filter(Boolean) as Fault[];
  const unknown = faults.filter((f) => !ALL_FAULTS.includes(f));
  const numbers = [values.rate, values.outage, values.pause, values.load, values['settle-timeout']].map(
    Number,
  );
  if (unknown.length > 0 || faults.length === 0 || numbers.some((n) => !(n > 0))) {
    process.stderr.write(
      `usage: npm run chaos -- [--rate 10] [--faults ${ALL_FAULTS.join(',')}] [--outage 5] [--pause 30] [--load 5] [--settle-timeout 180] [--json]\n` +
        (unknown.length ? `unknown faults: ${unknown.join(', ')}\n` : ''),
    );
    process.exit(2);
  }
  const startedAt = new Date();
  const report = await runChaos({
    rate: Number(values.rate),
    faults,
    outageSeconds: Number(values.outage),
    pauseSeconds: Number(values.pause),
    loadSeconds: Number(values.load),
    settleTimeoutSeconds: Number(values['settle-timeout']),
    logDir: join(process.cwd(), '.hub', 'chaos-logs'),
    say: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(
    `\nchaos run of ${startedAt.toISOString()}, ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s, ` +
      `${report.options.rate} webhooks/s (tickets and callbacks are cumulative; "raw" counts re-sends)\n\n`,
  );
  process.stdout.write(`${formatReport(report)}\n\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  process.stdout.write(report.ok ? 'no loss, no duplicate\n' : 'FAILED: see the rows marked FAIL\n');
  process.exit(report.ok ? 0 : 1);
}

main().catch((error: Error) => {
  process.stderr.write(`chaos failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
