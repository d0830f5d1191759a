/**
 * `npm run simulate`: realistic orders from several platforms, sent as signed webhooks to the demo
 * integrations of a running system (`npm start`), at a chosen rate, so tickets arrive at the demo
 * stations within seconds. Each payload is the platform's published sample (libs/adapters/aggregators
 * fixtures) with a fresh id and the demo menu's items.
 *
 *   npm run simulate -- --rate 1 --duration 60 --platforms shopify,woocommerce,gloriafood
 */
import { parseArgs } from 'node:util';
import { DEMO_INTEGRATIONS } from './demo-integrations';
import { signedWebhook } from './signed-webhooks';

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
  const total = Math.round(rate * Number(values.duration));
  const chosen = DEMO_INTEGRATIONS.filter((i) => values.platforms!.split(',').includes(i.platform));
  if (chosen.length === 0 || !(rate > 0) || !(total > 0)) {
    process.stderr.write(
      `usage: npm run simulate -- --rate <per second> --duration <seconds> --platforms ${DEMO_INTEGRATIONS.map((i) => i.platform).join(',')}\n`,
    );
    process.exit(2);
  }
  const outcomes = new Map<string, number>();
  const started = Date.now();
  const sends: Array<Promise<void>> = [];
  for (let n = 0; n < total; n++) {
    const wait = started + (n * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const integration = chosen[n % chosen.length];
    const { body, headers } = signedWebhook(integration.platform, n, integration);
    sends.push(
      fetch(`${values.intake}/v1/webhooks/${integration.platform}`, { method: 'POST', headers, body }).then(
        async (response) => {
          const key = `${integration.platform} ${response.status}`;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
          if (!response.ok) process.stderr.write(`${key}: ${await response.text()}\n`);
        },
        (error: Error) => {
          outcomes.set(
            `${integration.platform} failed`,
            (outcomes.get(`${integration.platform} failed`) ?? 0) + 1,
          );
          process.stderr.write(`${integration.platform}: ${error.message}\n`);
        },
      ),
    );
  }
  await Promise.all(sends);
  process.stdout.write(`${JSON.stringify(Object.fromEntries(outcomes))}\n`);
}

void main();
