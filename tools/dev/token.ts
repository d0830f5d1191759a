/**
 * Mints a dev token signed with AUTH_JWT_SECRET (or the local demo's secret):
 *   npm run token -- --role manager --venues blr-koramangala
 *   npm run token -- --role station --venues blr-koramangala --station tandoor
 *   npm run token -- --role head_office --venues '*'
 */
import { parseArgs } from 'node:util';
import { InvalidTokenError, mintToken, Role, ROLES } from '@hub/auth';
import { DEV_JWT_SECRET } from './dev-defaults';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    venues: { type: 'string' },
    station: { type: 'string' },
    sub: { type: 'string' },
    'expires-in': { type: 'string', default: String(12 * 3600) },
  },
});

function fail(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run token -- --role <${ROLES.join('|')}> --venues <id,id|*> [--station <name>] [--sub <id>] [--expires-in <seconds>]\n`,
  );
  process.exit(2);
}

if (!values.role || !ROLES.includes(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (!values.venues) fail('--venues is required: a comma-separated list of venue ids, or * for head office');
const expiresIn = Number(values['expires-in']);
if (!Number.isInteger(expiresIn) || expiresIn <= 0) fail('--expires-in must be a whole number of seconds');

try {
  const token = mintToken({
    secret: process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET,
    role: values.role as Role,
    venues: values.venues === '*' ? '*' : values.venues.split(',').map((v) => v.trim()),
    station: values.station,
    sub: values.sub,
    expiresIn,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  fail(error instanceof InvalidTokenError ? error.message : String(error));
}
