// A small HTTP client for the security run: node:http, so a request carries exactly the headers we
// give it (no Origin or Sec-Fetch-* of its own), the path goes out byte for byte (no normalising of
// `..` or `%2e`), and an answer that arrives before the server drops a huge body is still read.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { generate } from 'otplib';

export interface HttpAnswer {
  /** 0 when no answer came (connection refused or reset before a status line, or timed out). */
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Why no answer came, when status is 0. */
  readonly error?: string;
}

export interface HttpRequest {
  readonly method: string;
  /** Sent as is after the host: '/a/%2e%2e/b' stays encoded. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly timeoutMs?: number;
}

/** Only ever the loopback server this run started. */
export function assertLoopback(baseUrl: string): void {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to test ${baseUrl}: the security run only targets 127.0.0.1`);
}

export function send(baseUrl: string, req: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(baseUrl);
  if (req.body !== undefined && Buffer.byteLength(req.body) > 1024 * 1024) return sendHuge(url, req);
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: HttpAnswer): void => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const finish = (): void => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.on('end', finish);
      // The server may cut the connection after answering a body it refused: what came is the answer.
      res.on('error', finish);
      res.on('aborted', finish);
    });
    outgoing.setTimeout(req.timeoutMs ?? 30_000, () => {
      outgoing.destroy(new Error(`no answer within ${req.timeoutMs ?? 30_000} ms`));
    });
    outgoing.on('error', (error) => {
      // An EPIPE while writing a refused body is followed by the response when the server sent one:
      // give it a moment before calling the request unanswered.
      setTimeout(() => done({ status: 0, headers: {}, body: '', error: error.message }), 500);
    });
    if (req.body !== undefined) outgoing.end(req.body);
    else outgoing.end();
  });
}

/**
 * A body the server is expected to refuse: written over a bare socket, so an answer sent before
 * the server stops reading (413, then close) is still read, where node:http reports only EPIPE.
 */
function sendHuge(url: URL, req: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let writeError: string | undefined;
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const finish = (): void => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers: IncomingHttpHeaders = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve(status > 0 ? { status, headers, body: rest.join('\r\n\r\n') } : { status: 0, headers: {}, body: '', error: writeError ?? 'connection closed without an answer' });
    };
    const timer = setTimeout(() => socket.destroy(), req.timeoutMs ?? 30_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => { writeError = error.message; });
    socket.on('close', finish);
    const body = Buffer.from(req.body ?? '');
    const headers = { ...req.headers, host: url.host, 'content-length': String(body.length), connection: 'close' };
    socket.write(`${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    // As curl does: the body goes in slices, and stops once the server has answered (a 413 comes
    // after the headers); writing on would only race the server's close into a reset.
    let offset = 0;
    const writeMore = (): void => {
      if (chunks.length > 0 || socket.destroyed) {
        socket.end();
        return;
      }
      if (offset >= body.length) {
        socket.end();
        return;
      }
      const slice = body.subarray(offset, offset + 64 * 1024);
      offset += slice.length;
      socket.write(slice, () => setImmediate(writeMore));
    };
    setTimeout(writeMore, 50);
  });
}

/** Cookies by name, from Set-Cookie answers; enough for one session per jar. */
export class CookieJar {
  readonly #values = new Map<string, string>();

  take(headers: IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.#values.delete(name);
      else this.#values.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  header(): string {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** A customer's session: POST /api/v1/auth/login → saxla_session. */
export async function signInCustomer(baseUrl: string, phone: string, password: string, from: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const res = await send(baseUrl, {
    method: 'POST', path: '/api/v1/auth/login', body: JSON.stringify({ phone, password }),
    headers: { 'content-type': JSON_TYPE, origin: baseUrl, 'x-forwarded-for': from },
  });
  jar.take(res.headers);
  if (res.status !== 200 || !jar.get('saxla_session')) throw new Error(`customer sign-in failed: ${res.status} ${res.body.slice(0, 200)}`);
  return jar;
}

export interface StaffSignIn {
  readonly jar: CookieJar;
  readonly password: string;
}

/**
 * The demo manager's first sign-in as a browser does it: one-time password → /staff/enrol,
 * the authenticator code → /staff/password, the forced change → /staff (full session).
 */
export async function signInStaff(baseUrl: string, phone: string, oneTimePassword: string, totpSecret: string, from: string): Promise<StaffSignIn> {
  const jar = new CookieJar();
  const post = async (path: string, fields: Record<string, string>): Promise<HttpAnswer> => {
    const res = await send(baseUrl, {
      method: 'POST', path, body: formBody(fields),
      headers: { 'content-type': FORM, origin: baseUrl, 'sec-fetch-site': 'same-origin', cookie: jar.header(), 'x-forwarded-for': from },
    });
    jar.take(res.headers);
    return res;
  };
  const expectRedirect = (step: string, res: HttpAnswer, to: RegExp): void => {
    const location = String(res.headers.location ?? '');
    if (res.status < 300 || res.status >= 400 || !to.test(location)) {
      throw new Error(`staff ${step} failed: ${res.status} → ${location || res.body.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
  };
  expectRedirect('sign-in', await post('/staff/login', { phone, password: oneTimePassword }), /\/staff\/enrol$/);
  const code = await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) });
  expectRedirect('enrolment', await post('/staff/enrol', { code }), /\/staff(\/password)?$/);
  const password = `Sec-Run-${crypto.randomUUID()}`;
  const changed = await post('/staff/password', { current: oneTimePassword, next: password });
  expectRedirect('password change', changed, /\/staff$/);
  if (!jar.get('saxla_staff')) throw new Error('staff sign-in left no saxla_staff cookie');
  return { jar, password };
}
