// A pg_auto_failover formation on loopback for `npm run failover`: a monitor and two PostgreSQL 15
// nodes (primary and secondary) as three clusters in a scratch folder, run by Debian's
// postgresql-15-auto-failover as the postgres user. The monitor is tuned to notice a dead primary
// within seconds (the defaults wait about 20 s, sized for real networks).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const AUTOCTL = '/usr/bin/pg_autoctl';

export interface Formation {
  readonly uri: string;
  /** The data folder of the node that is primary now. */
  primaryNode(): NodeName;
  /** Kills the primary as a crash would: its keeper and its postmaster, SIGKILL, no goodbye. */
  crash(node: NodeName): void;
  state(): string;
  stop(): Promise<void>;
}

export type NodeName = 'node1' | 'node2';

function asPostgres(args: readonly string[]): string[] {
  const path = `PATH=${PG_BIN}:${process.env.PATH ?? ''}`;
  return userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--', 'env', path, AUTOCTL, ...args] : ['env', path, AUTOCTL, ...args];
}

function run(args: readonly string[]): string {
  const [cmd = '', ...rest] = asPostgres(args);
  const result = spawnSync(cmd, rest, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`pg_autoctl ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

async function waitFor(what: string, ms: number, check: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function failoverEngineAvailable(): string | undefined {
  if (!existsSync(AUTOCTL)) return 'pg_autoctl is not installed (Debian: apt-get install postgresql-15-auto-failover)';
  if (!existsSync(join(PG_BIN, 'pg_ctl'))) return 'PostgreSQL 15 server binaries are not installed';
  return undefined;
}

export async function startFormation(log: (line: string) => void, ports = { monitor: 6000, node1: 6001, node2: 6002 }): Promise<Formation> {
  const root = mkdtempSync('/tmp/saxla-failover-');
  if (userInfo().uid === 0) {
    const pgUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const uid = Number(pgUser.stdout.trim());
    chownSync(root, uid, uid);
  }
  const children: ChildProcess[] = [];
  const byName = new Map<string, ChildProcess>();
  const background = (args: readonly string[], logName: string): void => {
    const [cmd = '', ...rest] = asPostgres(args);
    const child = spawn(cmd, rest, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let tail = '';
    const keep = (c: Buffer): void => { tail = (tail + c.toString()).slice(-4000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code) => { if (code !== 0 && code !== null) log(`${logName} exited ${String(code)}: ${tail.split('\n').slice(-3).join(' | ')}`); });
    children.push(child);
    byName.set(logName, child);
  };
  const monitorData = join(root, 'monitor');
  run(['create', 'monitor', '--pgdata', monitorData, '--pgport', String(ports.monitor), '--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl']);
  background(['run', '--pgdata', monitorData], 'monitor');
  await waitFor('the monitor', 60_000, () => spawnSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(ports.monitor), '-q']).status === 0);
  // Seconds, not the defaults' tens of seconds: on loopback a missed health check is a dead node.
  const psql = (sql: string): void => {
    const r = spawnSync('psql', ['-h', '127.0.0.1', '-p', String(ports.monitor), '-U', 'postgres', '-d', 'pg_auto_failover', '-qAtc', sql], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`monitor: ${r.stderr}`);
  };
  for (const [name, value] of [
    ['health_check_period', '1000'], ['health_check_timeout', '1000'], ['health_check_max_retries', '1'],
    ['health_check_retry_delay', '500'], ['node_considered_unhealthy_timeout', '3000'], ['startup_grace_period', '3000'],
    // How long the new primary holds writes back in case the old one still takes them (default 30 s).
    // On one machine a killed node is certainly gone; across a network this must exceed the time
    // the old primary's keeper needs to notice it lost the monitor and demote itself.
    ['primary_demote_timeout', '5000'],
  ] as const) psql(`alter system set pgautofailover.${name} = ${value}`);
  psql('select pg_reload_conf()');

  const monitorUri = `postgres://autoctl_node@127.0.0.1:${String(ports.monitor)}/pg_auto_failover?sslmode=disable`;
  for (const node of ['node1', 'node2'] as const) {
    background(['create', 'postgres', '--pgdata', join(root, node), '--pgport', String(ports[node]), '--hostname', '127.0.0.1', '--name', node,
      '--auth', 'trust', '--no-ssl', '--dbname', 'saxla', '--monitor', monitorUri, '--run'], node);
    // The standby's base backup waits for a checkpoint, spread over minutes by default: ask for one now.
    const nudge = node === 'node2' ? setInterval(() => spawnSync('psql', ['-h', '127.0.0.1', '-p', String(ports.node1), '-U', 'postgres', '-d', 'saxla', '-qAtc', 'checkpoint']), 2000) : undefined;
    const wanted = node === 'node1' ? /node1 .*\| +single +\| +single/ : /\| +primary +\| +primary[\s\S]*\| +secondary +\| +secondary|\| +secondary +\| +secondary[\s\S]*\| +primary +\| +primary/;
    await waitFor(`${node} to join`, 180_000, () => { try { return wanted.test(run(['show', 'state', '--pgdata', monitorData])); } catch { return false; } });
    clearInterval(nudge);
    log(`${node} is up`);
  }
  // pg_autoctl's URI names no user (libpq would take the OS user's name); Saxla's is postgres here.
  const uri = run(['show', 'uri', '--pgdata', monitorData, '--formation', 'default']).trim().replace(/sslmode=prefer/, 'sslmode=disable').replace(/^postgres:\/\//, 'postgres://postgres@');
  const state = (): string => run(['show', 'state', '--pgdata', monitorData]);
  return {
    uri,
    state,
    primaryNode() {
      const primary = /^\s*(node[12]) .*\|\s+primary\s+\|/m.exec(state())?.[1];
      if (primary !== 'node1' && primary !== 'node2') throw new Error(`no primary: ${state()}`);
      return primary;
    },
    crash(node) {
      // The node's whole process group (pg_autoctl's supervisor, its keeper and the service that
      // would restart postgres) first, so nothing brings it back; then the postmaster itself —
      // as a machine that loses power takes everything at once.
      const pid = byName.get(node)?.pid;
      if (pid) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      const pidFile = join(root, node, 'postmaster.pid');
      const postmaster = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n')[0] : undefined;
      if (postmaster) spawnSync('kill', ['-9', postmaster]);
    },
    async stop() {
      for (const child of children) {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone (the crashed node).
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 3000));
      for (const node of ['node1', 'node2', 'monitor']) {
        const pidFile = join(root, node, 'postmaster.pid');
        const pid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n')[0] : undefined;
        if (pid) spawnSync('kill', ['-9', pid]);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
