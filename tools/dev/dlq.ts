/**
 * The dead letters, from the command line (NATS_URL, NATS_NAMESPACE as the services use them):
 *   npm run dlq -- list [--consumer order-core-menu-v1] [--limit 50]
 *   npm run dlq -- redrive <seq>
 */
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { DeadLetters } from '@hub/messaging';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { consumer: { type: 'string' }, limit: { type: 'string', default: '100' } },
  });
  const [command, seq] = positionals;
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const deadLetters = await DeadLetters.open(nc, process.env.NATS_NAMESPACE ?? '');
    if (command === 'list') {
      const letters = await deadLetters.list({ consumer: values.consumer, limit: Number(values.limit) });
      for (const l of letters)
        process.stdout.write(
          `${l.seq}\t${l.deadAt}\t${l.consumer}\t${l.subject}\t${l.deliveries}\t${l.reason}\n`,
        );
      process.stdout.write(`${letters.length} dead letter(s)\n`);
    } else if (command === 'redrive' && seq && /^\d+$/.test(seq)) {
      const letter = await deadLetters.redrive(Number(seq));
      process.stdout.write(`re-drove ${letter.subject} (was dead in ${letter.consumer}: ${letter.reason})\n`);
    } else {
      process.stderr.write('usage: npm run dlq -- list [--consumer <name>] [--limit <n>] | redrive <seq>\n');
      process.exitCode = 2;
    }
  } finally {
    await nc.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
