/**
 * `npm run bench -- --cpu-profile <dir>`: preloaded into each service (NODE_OPTIONS=--require), samples
 * the service's CPU with the inspector from start to exit and writes `<dir>/<service>.cpuprofile`
 * (open it in Chrome DevTools or speedscope). `--cpu-prof` itself is not allowed in NODE_OPTIONS,
 * hence the hook. Sampling costs CPU: compare shares within a profile, not its run's figures with
 * another run's. Diagnostics only.
 */
const inspector = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.HUB_CPU_PROFILE_DIR;
const service = process.env.HUB_CPU_PROFILE_NAME;
if (dir && service) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // the in-process session answers synchronously, so this also works in an 'exit' listener
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${service}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('exit', write);
  process.prependListener('SIGTERM', write);
}
