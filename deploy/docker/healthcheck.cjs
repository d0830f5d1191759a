// Container healthcheck: exits 0 when GET /health/live answers 2xx on this service's port.
// The port is read from the variable named by PORT_VAR (e.g. ORDER_CORE_PORT), which defaults to
// the one derived from APP; when that variable is unset the service's default port is used.
'use strict';

const DEFAULT_PORTS = {
  intake: 3001,
  'menu-mapping': 3002,
  'order-core': 3003,
  'kot-router': 3004,
  'status-sync': 3005,
  reporting: 3006,
};

const app = process.env.APP || '';
const portVar = process.env.PORT_VAR || `${app.toUpperCase().replace(/-/g, '_')}_PORT`;
const port = Number(process.env[portVar] || DEFAULT_PORTS[app]);

if (!Number.isInteger(port) || port <= 0) {
  console.error(`healthcheck: no port (set ${portVar} or APP)`);
  process.exit(1);
}

fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(4000) })
  .then((response) => {
    if (!response.ok) console.error(`healthcheck: /health/live answered ${response.status}`);
    process.exit(response.ok ? 0 : 1);
  })
  .catch((error) => {
    console.error(`healthcheck: ${error.message}`);
    process.exit(1);
  });
