// `saxla work`: the periodic jobs and the SMS sender without HTTP, for an operator who runs them
// on machines of their own beside `serve` processes. Every job is safe in several processes at
// once, and only one process at a time holds the SMSC bind (the sender lock).
import type { Instant } from './domain/calendar.ts';
import type { ValidityPolicy } from './domain/policy.ts';
import type { Config } from './config.ts';
import { createLogger, onShutdown, openRuntime, startBackgroundWork } from './runtime.ts';

export async function startWork(config: Config, policy: ValidityPolicy, now: () => Instant): Promise<void> {
  // The embedded database belongs to `npm start`, which runs these jobs itself.
  if (!config.databaseUrl) throw new Error('work runs beside serve on PostgreSQL (DATABASE_URL); with the embedded database, serve runs the jobs itself');
  if (!config.smppUrl) throw new Error('work needs the SMSC in SMPP_URL: the simulator belongs to a demo serve process');
  const log = createLogger().child({ process: 'work' });
  const runtime = await openRuntime(config, policy, now, log, 'work');
  const background = startBackgroundWork(runtime, config, now, config.smppUrl, log);
  await background.firstSweep;
  log.info({ mode: config.mode, policy: policy.version }, 'Saxla jobs are running (no HTTP)');
  onShutdown(log, async () => {
    await background.stop();
    await runtime.close();
  });
}
