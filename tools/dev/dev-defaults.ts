/** The JWT secret of a local demo when AUTH_JWT_SECRET is not set. Never use it anywhere else. */
export const DEV_JWT_SECRET = 'order-hub-local-dev-secret-do-not-deploy';

/** The key intake encrypts integration secrets with when INTAKE_SECRETS_KEY is not set. Local demo only. */
export const DEV_SECRETS_KEY = 'order-hub-local-dev-secrets-key-do-not-deploy';

export const DEV_DATABASE = 'orderhub';

export const SERVICE_PORTS = {
  intake: { variable: 'INTAKE_PORT', port: 3001 },
  'menu-mapping': { variable: 'MENU_MAPPING_PORT', port: 3002 },
  'order-core': { variable: 'ORDER_CORE_PORT', port: 3003 },
  'kot-router': { variable: 'KOT_ROUTER_PORT', port: 3004 },
  'status-sync': { variable: 'STATUS_SYNC_PORT', port: 3005 },
  reporting: { variable: 'REPORTING_PORT', port: 3006 },
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;
