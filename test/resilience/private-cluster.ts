// A throwaway PostgreSQL cluster of the test's own, on a free loopback port, that the test may stop
// the hard way (`pg_ctl stop -m immediate`, what a crash or a kill -9 of the postmaster looks like)
// and start again. initdb refuses to run as root, so as root the cluster runs as `postgres`.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.SAXLA_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivateCluster {
  readonly url: string;
  /** Kills the server at once: no checkpoint, every session cut, crash recovery on the next start. */
  stopImmediately(): Promise<void>;
  /** Starts it and waits until it accepts connections. */
  start(): Promise<void>;
  /** The server log, for a failing test's message. */
  log(): string;
  destroy(): Promise<void>;
}

/** Why the cluster cannot be made here, or false when it can. */
export function clusterUnavailable(): string | false {
  if (!existsSync(join(BIN, 'initdb')) || !existsSync(join(BIN, 'pg_ctl'))) return `no PostgreSQL binaries in ${BIN} (set SAXLA_PG_BIN)`;
  if (process.getuid?.() === 0 && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) return 'running as root without runuser to start PostgreSQL as another user';
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function createPrivateCluster(): Promise<PrivateCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'saxla-outage-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  if (asRoot) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(uid.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> => (asRoot
    ? run('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args])
    : run(join(BIN, tool), [...args]));
  const port = await freePort();
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // fsync off: the test kills the server, not the machine, so the page cache keeps every write.
  const options = `-p ${String(port)} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const start = async (): Promise<void> => {
    await pg('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${String(port)}/postgres`,
    async stopImmediately() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    start,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async destroy() {
      if (existsSync(join(data, 'postmaster.pid'))) {
        await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch((error: unknown) => {
          process.stderr.write(`could not stop the private cluster in ${data}: ${String(error)}\n`);
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
