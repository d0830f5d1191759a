import { DEMO_INTEGRATIONS, DemoPlatform } from './demo-integrations';
import { signedWebhook } from './signed-webhooks';

export interface SimulationOptions {
  intakeUrl: string;
  /** webhooks a second */
  rate: number;
  /** seconds; Infinity runs until the process stops */
  durationS: number;
  platforms: readonly DemoPlatform[];
}

/**
 * Sends signed webhooks of the demo platforms to the demo integrations on an open-loop schedule (on
 * time whether or not earlier ones have answered). Answers are counted by platform and HTTP status;
 * a failed one is also written to stderr.
 */
export async function simulate(options: SimulationOptions): Promise<Record<string, number>> {
  const chosen = DEMO_INTEGRATIONS.filter((i) => options.platforms.includes(i.platform));
  const total = Math.round(options.rate * options.durationS);
  const outcomes = new Map<string, number>();
  const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  const started = Date.now();
  const sends: Array<Promise<void>> = [];
  for (let n = 0; n < total; n++) {
    const wait = started + (n * 1000) / options.rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const integration = chosen[n % chosen.length];
    const { body, headers } = signedWebhook(integration.platform, n, integration);
    const send = fetch(`${options.intakeUrl}/v1/webhooks/${integration.platform}`, {
      method: 'POST',
      headers,
      body,
    }).then(
      async (response) => {
        const key = `${integration.platform} ${response.status}`;
        count(key);
        if (!response.ok) process.stderr.write(`${key}: ${await response.text()}\n`);
      },
      (error: Error) => {
        count(`${integration.platform} failed`);
        process.stderr.write(`${integration.platform}: ${error.message}\n`);
      },
    );
    // an endless run keeps no history of its sends
    if (Number.isFinite(total)) sends.push(send);
  }
  await Promise.all(sends);
  return Object.fromEntries(outcomes);
}
