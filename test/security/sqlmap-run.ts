// Runs Debian's sqlmap against one target at a time (level 1, risk 1, PostgreSQL payloads only,
// a time bound each) and reads back what it tried and found: its own verdict, the HTTP status
// counts it saw, and from its traffic file every 5xx answer and every answer that shows database
// error text or a stack trace.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session, SqlmapTarget } from './sqlmap-targets.ts';

export const SQLMAP = '/usr/bin/sqlmap';

export interface Credentials {
  readonly url: string;
  readonly customerCookie: string;
  readonly staffCookie: string;
  readonly adminToken: string;
}

export interface TrafficHit {
  /** Method, path and body of the request, shortened. */
  readonly request: string;
  readonly status: number;
  /** What in the answer made it a hit. */
  readonly evidence: string;
}

export interface SqlmapOutcome {
  readonly target: SqlmapTarget;
  readonly seconds: number;
  readonly timedOut: boolean;
  readonly exitCode: number | null;
  readonly parameters: string[];
  /** Injection points sqlmap kept (its results CSV, less those it called false positives). */
  readonly injectable: string[];
  /** Points sqlmap suspected, then ruled out itself (throttling that flips 401/429 looks like boolean blind). */
  readonly ruledOut: string[];
  readonly dbmsErrors: string[];
  readonly httpCodes: string;
  readonly critical: string[];
  readonly requests: number;
  readonly serverErrors: TrafficHit[];
  readonly leaks: TrafficHit[];
}

// Text that only a database error or a stack trace puts in an answer (sqlmap's payloads do not
// contain it, so a reflected payload is not mistaken for a leak).
const leakPatterns: readonly [string, RegExp][] = [
  ['SQL error text', /syntax error at or near|invalid input syntax for|unterminated quoted string|invalid byte sequence for encoding|violates (?:unique|foreign key|check|not-null) constraint|(?:relation|column) "[^"]+" does not exist|current transaction is aborted/i],
  ['database name', /\bPGlite\b|\bpostgres(?:ql)?\b.*\berror\b/i],
  ['stack trace', /\n\s+at [^\n]*\((?:file:\/\/)?\/[^\n)]*:\d+:\d+\)|\bat async [\w.]+ \(/],
  ['server file path', /node_modules\/|\/src\/(?:channels|services|db|domain)\/[\w/-]+\.ts/],
];

function headersFor(target: SqlmapTarget, creds: Credentials, index: number): string[] {
  // Each target speaks from an address of its own (the server trusts loopback's X-Forwarded-For),
  // so one target's throttling does not blind the next.
  const headers = [`Origin: ${creds.url}`, 'Sec-Fetch-Site: same-origin', `X-Forwarded-For: 10.${100 + Math.floor(index / 250)}.${index % 250}.7`];
  if (target.body?.type === 'json') headers.push('Content-Type: application/json');
  if (target.session === 'admin') headers.push(`Authorization: Bearer ${creds.adminToken}`);
  if (target.idempotencyKey) headers.push(`Idempotency-Key: sec-run-${index}-${Date.now()}*`);
  return headers;
}

function cookieFor(session: Session, creds: Credentials): string | undefined {
  if (session === 'customer') return `saxla_session=${creds.customerCookie}`;
  if (session === 'staff') return `saxla_staff=${creds.staffCookie}`;
  return undefined;
}

export function sqlmapArgs(target: SqlmapTarget, creds: Credentials, dir: string, index: number): string[] {
  const args = ['-u', `${creds.url}${target.pathAndQuery}`, '--method', target.method];
  if (target.body) args.push('--data', target.body.text);
  for (const header of headersFor(target, creds, index)) args.push('-H', header);
  const cookie = cookieFor(target.session, creds);
  if (cookie) args.push('--cookie', cookie);
  args.push('--batch', '--flush-session', `--output-dir=${dir}`, '-t', join(dir, 'traffic.txt'), '--level', '1', '--risk', '1', '--threads', '2',
    '--dbms', 'PostgreSQL', '--skip-waf', '--drop-set-cookie', '--ignore-code', '401,404', '--disable-coloring', '--timeout', '20', '--retries', '1');
  return args;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Parses sqlmap's -t file: request and response of every exchange. */
export function readTraffic(text: string): { requests: number; serverErrors: TrafficHit[]; leaks: TrafficHit[] } {
  const serverErrors: TrafficHit[] = [];
  const leaks: TrafficHit[] = [];
  let requests = 0;
  for (const block of text.replaceAll('\r\n', '\n').split(/\n#{20,}\n/)) {
    const match = /HTTP request \[#\d+\]:\n([\s\S]*?)\nHTTP response \[#\d+\] \((\d{3})[^)]*\):\n([\s\S]*)$/.exec(block);
    if (!match) continue;
    requests++;
    const [, rawRequest = '', statusText = '0', rawResponse = ''] = match;
    const [head = '', ...bodyParts] = rawRequest.split('\n\n');
    const requestLine = head.split('\n')[0] ?? '';
    const request = `${decodeSafely(requestLine.replace(/ HTTP\/1\.[01]$/, ''))}${bodyParts.join('').trim() ? ` body ${shorten(bodyParts.join('\n\n'), 300)}` : ''}`;
    const responseBody = rawResponse.split('\n\n').slice(1).join('\n\n');
    const status = Number(statusText);
    if (status >= 500) serverErrors.push({ request: shorten(request, 500), status, evidence: shorten(responseBody, 200) });
    for (const [what, pattern] of leakPatterns) {
      const found = pattern.exec(responseBody);
      if (found) leaks.push({ request: shorten(request, 500), status, evidence: `${what}: ${shorten(responseBody.slice(Math.max(0, found.index - 60), found.index + 140), 220)}` });
    }
  }
  return { requests, serverErrors, leaks };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape is part of the payload: show the request as it went.
    return text;
  }
}

/** sqlmap's own verdicts and notes from its standard output. */
export function readSqlmapOutput(out: string): Pick<SqlmapOutcome, 'parameters' | 'dbmsErrors' | 'httpCodes' | 'critical'> {
  const lines = out.split('\n');
  const parameters = [...new Set([...out.matchAll(/testing for SQL injection on (.+?parameter '[^']+')/g)].map((m) => m[1] ?? ''))];
  const dbmsErrors = lines.filter((l) => /heuristic \(basic\) test shows that .* might be injectable/.test(l)).map((l) => l.trim());
  const codesAt = lines.findIndex((l) => l.includes('HTTP error codes detected during run'));
  const httpCodes = codesAt >= 0 ? (lines[codesAt + 1] ?? '').trim() : '';
  const critical = lines.filter((l) => l.includes('[CRITICAL]') && !/WAF\/IPS|heavily dynamic/.test(l)).map((l) => l.trim());
  return { parameters, dbmsErrors, httpCodes, critical };
}

/**
 * sqlmap's verdicts: the rows of its results CSV (place, parameter, techniques, note), and any
 * "identified the following injection point" in its output (a CSV can be missing when cut short).
 */
export function readVerdicts(dir: string, out: string): Pick<SqlmapOutcome, 'injectable' | 'ruledOut'> {
  const injectable: string[] = [];
  const ruledOut: string[] = [];
  for (const file of readdirSync(dir).filter((f) => /^results-.*\.csv$/.test(f))) {
    for (const row of readFileSync(join(dir, file), 'utf8').split('\n').slice(1).filter((l) => l.trim())) {
      const [, place = '', parameter = '', techniques = '', note = ''] = row.split(',');
      const text = `${place} parameter '${parameter}', techniques ${techniques}${note ? ` (${note.trim()})` : ''}`;
      (/false positive/i.test(note) ? ruledOut : injectable).push(text);
    }
  }
  if (injectable.length === 0 && /identified the following injection point|is vulnerable/.test(out)) {
    injectable.push(...out.split('\n').filter((l) => /identified the following injection point|is vulnerable|Parameter: |Type: |Payload: /.test(l)).map((l) => l.trim()));
  }
  return { injectable, ruledOut };
}

export function runSqlmap(target: SqlmapTarget, creds: Credentials, dir: string, index: number, timeoutMs: number): Promise<SqlmapOutcome> {
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const child = spawn(SQLMAP, sqlmapArgs(target, creds, dir, index), { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => { out += chunk; });
  child.stderr.on('data', (chunk: string) => { out += chunk; });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }, timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      writeFileSync(join(dir, 'sqlmap.out'), out);
      const trafficFile = join(dir, 'traffic.txt');
      const traffic = existsSync(trafficFile) ? readTraffic(readFileSync(trafficFile, 'utf8')) : { requests: 0, serverErrors: [], leaks: [] };
      resolve({ target, seconds: (Date.now() - started) / 1000, timedOut, exitCode: code, ...readSqlmapOutput(out), ...readVerdicts(dir, out), ...traffic });
    });
  });
}

/** Runs the targets `concurrency` at a time until the deadline (or the server's end); targets not begun are returned as skipped. */
export async function runAll(targets: readonly SqlmapTarget[], creds: Credentials, workDir: string, options: { concurrency: number; deadline: number; perTargetMs: number; serverGone: () => string | undefined },
  onDone: (outcome: SqlmapOutcome, position: number) => void): Promise<{ outcomes: SqlmapOutcome[]; skipped: SqlmapTarget[] }> {
  const outcomes: SqlmapOutcome[] = [];
  const skipped: SqlmapTarget[] = [];
  let next = 0;
  let finished = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index];
      if (!target) break;
      const left = options.deadline - Date.now();
      if (left < 5000 || options.serverGone()) {
        skipped.push(target);
        continue;
      }
      const outcome = await runSqlmap(target, creds, join(workDir, `sqlmap-${String(index).padStart(3, '0')}`), index, Math.min(options.perTargetMs, left));
      outcomes.push(outcome);
      onDone(outcome, ++finished);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { outcomes, skipped };
}
