import { join } from 'node:path';
import { DEMO_VENUES, seedDemoMenu, ServiceProcess } from '@hub/testing';
import { seedDemoIntegrations, DEMO_INTEGRATIONS } from './demo-integrations';
import { SERVICE_PORTS, ServiceName } from './dev-defaults';

export const SERVICE_NAMES = Object.keys(SERVICE_PORTS) as ServiceName[];

/**
 * The six services as their own processes (`npm start`, `npm run chaos`), each with the shared
 * environment, its port variable and, when logDir is given, a log file `<logDir>/<name>.log`.
 */
export function serviceProcesses(
  shared: Record<string, string>,
  portOf: (name: ServiceName) => number,
  logDir?: string,
): ServiceProcess[] {
  return SERVICE_NAMES.map((name) => {
    const { variable } = SERVICE_PORTS[name];
    const port = portOf(name);
    return new ServiceProcess(
      name,
      port,
      { ...shared, [variable]: String(port) },
      logDir ? join(logDir, `${name}.log`) : undefined,
    );
  });
}

/** The demo brand through the services' APIs: the menu on every demo venue, then the demo integrations. */
export async function seedDemoBrand(
  urls: { 'menu-mapping': string; intake: string },
  headOfficeToken: string,
  integrationExtra?: (integration: (typeof DEMO_INTEGRATIONS)[number]) => Record<string, unknown>,
): Promise<void> {
  for (const venue of DEMO_VENUES) await seedDemoMenu(urls['menu-mapping'], headOfficeToken, venue.id);
  await seedDemoIntegrations(urls.intake, headOfficeToken, integrationExtra);
}
