/**
 * `npm run simulate`: realistic orders from several platforms, sent as signed webhooks to the demo
 * integrations of a running system (`npm start`), at a chosen rate, so tickets arrive at the demo
 * stations within seconds. Each payload is the platform's published sample (libs/adapters/aggregators
 * fixtures) with a fresh id and the demo menu's items. `npm start -- --simulate <rate>` does the same
 * from the start, until stopped.
 *
 *   npm run simulate -- --rate 1 --duration 60 --platforms shopify,woocommerce,gloriafood
 */
import { parseArgs } from 'node:util';
import { DEMO_INTEGRATIONS, DemoPlatform } from './demo-integrations';
import { simulate } from './simulation';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '1' },
      duration: { type: 'string', default: '60' },
      platforms: { type: 'string', default: DEMO_INTEGRATIONS.map((i) => i.platform).join(',') },
      intake: { type: 'string', default: process.env.INTAKE_URL ?? 'http://127.0.0.1:3001' },
    },
  });
  const rate = Number(values.rate);
  const durationS = Number(values.duration);
  const known = DEMO_INTEGRATIONS.map((i) => i.platform) as string[];
  const platforms = values.platforms.split(',').filter((p) => known.includes(p)) as DemoPlatform[];
  if (platforms.length === 0 || !(rate > 0) || !(durationS > 0)) {
    process.stderr.write(
      `usage: npm run simulate -- --rate <per second> --duration <seconds> --platforms ${known.join(',')}\n`,
    );
    process.exit(2);
  }
  const outcomes = await simulate({ intakeUrl: values.intake, rate, durationS, platforms });
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
}

void main();
