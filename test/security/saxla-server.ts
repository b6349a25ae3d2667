// Starts Saxla as `npm start` does (demo mode, embedded database in a fresh folder) on a free
// loopback port and reads its URL and the generated secrets from standard error.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { assertLoopback } from './http-client.ts';

export interface SaxlaServer {
  readonly url: string;
  readonly secrets: ReadonlyMap<string, string>;
  /** Where the server's JSON log (standard output) goes. */
  readonly logFile: string;
  /** Why the server is no longer running when this run did not stop it (a crash, a signal), else undefined. */
  gone(): string | undefined;
  stop(): Promise<void>;
}

const needed = ['SAXLA_ADMIN_TOKEN', 'SANDBOX_WEBHOOK_SECRET', 'DEMO_MANAGER_ONE_TIME_PASSWORD', 'DEMO_MANAGER_TOTP_SECRET'];

// Anything that would point Saxla at another database, gateway or secret is left out: the run
// always starts from nothing, and every secret it needs is generated and printed.
const inheritedButDropped = ['DATABASE_URL', 'SMPP_URL', 'SAXLA_SECRET', 'SAXLA_ADMIN_TOKEN', 'USSD_GATEWAY_SECRET', 'SAXLA_BASE_URL',
  'PAYMENT_PROVIDERS', 'SANDBOX_WEBHOOK_SECRET', 'SAXLA_WORKERS', 'SAXLA_POLICY', 'SAXLA_METRICS_TOKEN', 'SMS_QUIET_HOURS'];

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * TRUST_PROXY=loopback: this run's own requests name their caller in X-Forwarded-For, so the
 * per-address limits can be tested from "different addresses" and USSD's loopback rule against a
 * forwarded non-loopback caller, all over 127.0.0.1.
 */
export function startSaxla(root: string, dataDir: string, workDir: string, timeoutMs = 120_000): Promise<SaxlaServer> {
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !inheritedButDropped.includes(name))),
    SAXLA_MODE: 'demo', SAXLA_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TRUST_PROXY: 'loopback', LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, ['src/main.ts', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = join(workDir, 'saxla.log');
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  const secrets = new Map<string, string>();
  let url: string | undefined;
  let stderr = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stopChild(child).then(() => reject(new Error(`${why}\n${stderr.slice(-2000)}`)));
    };
    const timer = setTimeout(() => fail(`Saxla did not start within ${timeoutMs / 1000} s`), timeoutMs);
    child.once('exit', (code, signal) => fail(`Saxla exited while starting (${signal ?? code})`));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      url ??= /Saxla is running at (http:\/\/[^\s/]+)\//.exec(stderr)?.[1];
      for (const match of stderr.matchAll(/^([A-Z][A-Z0-9_]+)=(\S+)$/gm)) {
        if (match[1] && match[2]) secrets.set(match[1], match[2]);
      }
      if (url && needed.every((name) => secrets.has(name))) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        let stopping = false;
        let gone: string | undefined;
        child.once('exit', (code, signal) => {
          if (!stopping) gone = `Saxla exited during the run (${signal ? `signal ${signal}, not sent by this run` : `exit code ${code}`})`;
        });
        const base = url;
        try {
          assertLoopback(base);
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
          return;
        }
        resolve({
          url: base, secrets, logFile,
          gone: () => gone,
          stop: async () => {
            stopping = true;
            await stopChild(child);
            log.end();
          },
        });
      }
    });
  });
}

export interface ServerErrorLine {
  readonly message: string;
  readonly where: string;
}

/** The server's own error lines (pino level ≥ 50), for the report: what a 500 was, in its words. */
export function serverErrors(logText: string): ServerErrorLine[] {
  const out: ServerErrorLine[] = [];
  for (const line of logText.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (error) {
      // A line cut by the stop: not an error line we can read, say so in the report.
      out.push({ message: `unreadable log line (${error instanceof Error ? error.message : String(error)})`, where: line.slice(0, 120) });
      continue;
    }
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    if (typeof record.level !== 'number' || record.level < 50) continue;
    const err = record.err as Record<string, unknown> | undefined;
    const req = record.req as Record<string, unknown> | undefined;
    const message = [record.msg, err?.message].filter((v) => typeof v === 'string').join(': ');
    out.push({ message: message.slice(0, 300), where: req ? `${String(req.method)} ${String(req.url)}`.slice(0, 200) : '' });
  }
  return out;
}
