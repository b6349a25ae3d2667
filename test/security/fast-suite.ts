// The fast suite: each hardening case from issue 9 as one HTTP check against the running server,
// PASS or FAIL with what was sent and what came back. Callers are told apart by X-Forwarded-For
// (the server trusts loopback as its proxy), so the per-address limits can be tested from here.
import { createHmac } from 'node:crypto';
import { CookieJar, FORM, formBody, JSON_TYPE, send, type HttpAnswer, type HttpRequest } from './http-client.ts';

export interface SuiteContext {
  readonly url: string;
  readonly adminToken: string;
  readonly sandboxSecret: string;
  readonly customer: CookieJar;
  readonly staff: CookieJar;
  readonly customerPhone: string;
  readonly customerPassword: string;
  /** A line of the demo customer, for quotes and top-ups. */
  readonly customerLine: string;
}

export interface CheckResult {
  readonly name: string;
  readonly pass: boolean;
  readonly detail: string;
}

type Check = (ctx: SuiteContext) => Promise<CheckResult[]>;

// Documentation ranges (RFC 5737): header values only, never contacted.
const address = (n: number): string => `203.0.113.${n}`;

const brief = (res: HttpAnswer): string => (res.status === 0 ? `no answer (${res.error ?? 'unknown'})` : `${res.status} ${String(res.headers['content-type'] ?? '').split(';')[0]}`);
const is4xx = (res: HttpAnswer): boolean => res.status >= 400 && res.status < 500;
const result = (name: string, pass: boolean, req: Pick<HttpRequest, 'method' | 'path'>, res: HttpAnswer, want: string): CheckResult =>
  ({ name, pass, detail: `${req.method} ${req.path.length > 90 ? `${req.path.slice(0, 90)}…` : req.path} → ${brief(res)} (want ${want})` });

function jsonPost(ctx: SuiteContext, path: string, body: unknown, jar: CookieJar | undefined, extra: Record<string, string> = {}): HttpRequest {
  return {
    method: 'POST', path, body: JSON.stringify(body),
    headers: { 'content-type': JSON_TYPE, origin: ctx.url, ...(jar ? { cookie: jar.header() } : {}), ...extra },
  };
}

const nulBytes: Check = async (ctx) => {
  const out: CheckResult[] = [];
  const line = ctx.customerLine;
  const cases: [string, HttpRequest][] = [
    ['NUL in planCode (quote)', jsonPost(ctx, '/api/v1/quotes', { msisdn: line, planCode: 'SAXLA_NOMRE\u0000', months: 1 }, ctx.customer)],
    ['NUL in promoCode (quote)', jsonPost(ctx, '/api/v1/quotes', { msisdn: line, planCode: 'SAXLA_NOMRE', months: 1, promoCode: 'SPRING\u0000' }, ctx.customer)],
    ['NUL in a top-up reference', jsonPost(ctx, `/api/v1/admin/lines/${encodeURIComponent(line)}/top-ups`, { amount: { amount: 100, currency: 'AZN' }, reference: 'emanat-\u0000-1' }, undefined,
      { authorization: `Bearer ${ctx.adminToken}`, 'idempotency-key': `sec-nul-${crypto.randomUUID()}` })],
    ['NUL in a portal form field (/login)', { method: 'POST', path: '/login', body: 'phone=%2B994500000102%00&password=x%00', headers: { 'content-type': FORM, origin: ctx.url, 'x-forwarded-for': address(10) } }],
    ['NUL in a staff search (/staff/lines?q=)', { method: 'GET', path: '/staff/lines?q=%00', headers: { cookie: ctx.staff.header() } }],
    ['NUL in a path parameter (/api/v1/lines/%00)', { method: 'GET', path: '/api/v1/lines/%00', headers: { cookie: ctx.customer.header() } }],
  ];
  for (const [name, req] of cases) {
    const res = await send(ctx.url, req);
    out.push(result(name, is4xx(res), req, res, '4xx, not 500'));
  }
  // An authentic event whose id holds a NUL: the contract wants 2xx for authentic events, the issue
  // wants no 500; both are "not 5xx".
  const raw = JSON.stringify({
    id: 'evt_sec\u0000run', type: 'payment.succeeded', created: Math.floor(Date.now() / 1000),
    data: { paymentId: 'sbx_security_run', orderId: 'ord_security_run', amount: { amount: 150, currency: 'AZN' } },
  });
  const t = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', ctx.sandboxSecret).update(`${t}.${raw}`).digest('hex');
  const hook: HttpRequest = { method: 'POST', path: '/api/v1/payments/webhooks/sandbox', body: raw, headers: { 'content-type': JSON_TYPE, 'saxla-signature': `t=${t},v1=${signature}` } };
  const res = await send(ctx.url, hook);
  out.push(result('NUL in a webhook event id (signed)', res.status >= 200 && res.status < 500, hook, res, '2xx or 4xx, not 500'));
  return out;
};

const hugeForms: Check = async (ctx) => {
  const out: CheckResult[] = [];
  const tenMegabytes = `phone=%2B994500000102&password=${'a'.repeat(10 * 1024 * 1024)}`;
  const manyFields = Array.from({ length: 2000 }, (_, i) => `f${i}=x`).join('&');
  const oneFieldRepeated = Array.from({ length: 2000 }, () => 'phone=1').join('&');
  for (const path of ['/login', '/staff/login']) {
    const headers = { 'content-type': FORM, origin: ctx.url, 'sec-fetch-site': 'same-origin', 'x-forwarded-for': address(11) };
    for (const [what, body] of [['a 10 MB form', tenMegabytes], ['a 2,000-field form', manyFields], ['one field 2,000 times', oneFieldRepeated]] as const) {
      const req: HttpRequest = { method: 'POST', path, body, headers, timeoutMs: 60_000 };
      const res = await send(ctx.url, req);
      out.push(result(`${what} to ${path}`, is4xx(res), req, res, '4xx'));
    }
  }
  return out;
};

// The static roots: /assets/portal/ (web/portal), /assets/leaflet/ (node_modules/leaflet/dist) and
// /staff/assets/staff.css; package.json sits two and three levels above them.
const traversalPaths = [
  '/static/..%2f..%2fpackage.json', '/assets/%2e%2e/', '/assets/%2e%2e/%2e%2e/package.json',
  '/assets/portal/..%2f..%2fpackage.json', '/assets/portal/%2e%2e/%2e%2e/package.json', '/assets/portal/..%5c..%5cpackage.json',
  '/assets/portal/%252e%252e/%252e%252e/package.json', '/assets/portal/....//....//package.json', '/assets/portal/..%00/package.json',
  '/assets/leaflet/..%2fpackage.json', '/assets/leaflet/%2e%2e/package.json', '/assets/leaflet/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
  '/staff/assets/..%2f..%2f..%2fpackage.json', '/staff/assets/%2e%2e/%2e%2e/package.json',
];

const pathTraversal: Check = async (ctx) => {
  const out: CheckResult[] = [];
  for (const path of traversalPaths) {
    const req: HttpRequest = { method: 'GET', path };
    const res = await send(ctx.url, req);
    const leaked = /"dependencies"\s*:|"devDependencies"\s*:|"version"\s*:\s*"\d/.test(res.body);
    out.push(result(`static traversal ${path}`, is4xx(res) && !leaked, req, res, `4xx and no file content${leaked ? '; a package.json came back' : ''}`));
  }
  return out;
};

const badUrl: Check = async (ctx) => {
  const out: CheckResult[] = [];
  for (const path of ['/api/v1/%c0%ae', '/api/v1/lines/%c0%ae%c0%ae', '/api/v1/%ff']) {
    const req: HttpRequest = { method: 'GET', path, headers: { accept: 'application/json' } };
    const res = await send(ctx.url, req);
    const problem = String(res.headers['content-type'] ?? '').startsWith('application/problem+json');
    out.push(result(`malformed URL ${path}`, is4xx(res) && problem, req, res, '4xx application/problem+json'));
  }
  return out;
};

const staffCsrf: Check = async (ctx) => {
  const out: CheckResult[] = [];
  const signedIn: HttpRequest = {
    method: 'POST', path: '/staff/receipts/void', body: formBody({ number: 'SEC-RUN-0', reason: 'csrf check' }),
    headers: { 'content-type': FORM, cookie: ctx.staff.header() },
  };
  let res = await send(ctx.url, signedIn);
  out.push(result('staff POST with a session, no Origin, no Sec-Fetch-Site', res.status === 403, signedIn, res, '403'));
  const signIn: HttpRequest = { method: 'POST', path: '/staff/login', body: formBody({ phone: '+994700000100', password: 'not-the-password' }), headers: { 'content-type': FORM } };
  res = await send(ctx.url, signIn);
  out.push(result('staff sign-in POST with no Origin, no Sec-Fetch-Site', res.status === 403, signIn, res, '403'));
  const crossSite: HttpRequest = { ...signedIn, headers: { ...signedIn.headers, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } };
  res = await send(ctx.url, crossSite);
  out.push(result('staff POST from another origin', res.status === 403, crossSite, res, '403'));
  return out;
};

const receiptLimit: Check = async (ctx) => {
  const from = address(61);
  const statuses: number[] = [];
  for (let i = 0; i < 61; i++) {
    const res = await send(ctx.url, { method: 'GET', path: `/api/v1/receipts/SEC-${i}-x/verify`, headers: { 'x-forwarded-for': from } });
    statuses.push(res.status);
  }
  const last = statuses.at(-1) ?? 0;
  const first429 = statuses.indexOf(429);
  const served = statuses.filter((s) => s >= 500).length;
  return [{
    name: 'receipt verify: 61 requests in a minute from one address',
    pass: last === 429 && served === 0,
    detail: `GET /api/v1/receipts/{n}/verify ×61 → 61st ${last}, first 429 at #${first429 + 1 || 'none'}, 5xx ${served} (want 429 on the 61st, no 5xx)`,
  }];
};

const frameHeaders: Check = async (ctx) => {
  const out: CheckResult[] = [];
  const paths = ['/demo-phone', '/pay/sandbox/x'];
  // A real hosted sandbox page as well: the customer's quote and order for one month.
  const quote = await send(ctx.url, jsonPost(ctx, '/api/v1/quotes', { msisdn: ctx.customerLine, planCode: 'SAXLA_NOMRE', months: 1 }, ctx.customer));
  const quoteId = quote.status < 300 ? (JSON.parse(quote.body) as { quoteId?: string }).quoteId : undefined;
  if (quoteId) {
    const order = await send(ctx.url, jsonPost(ctx, '/api/v1/orders', { quoteId }, ctx.customer, { 'idempotency-key': `sec-${quoteId}` }));
    const paymentUrl = order.status < 300 ? (JSON.parse(order.body) as { paymentUrl?: string }).paymentUrl : undefined;
    if (paymentUrl) paths.push(new URL(paymentUrl).pathname);
  }
  for (const path of paths) {
    const req: HttpRequest = { method: 'GET', path };
    const res = await send(ctx.url, req);
    const csp = String(res.headers['content-security-policy'] ?? '');
    const framing = /frame-ancestors/.test(csp) || res.headers['x-frame-options'] !== undefined;
    const nosniff = String(res.headers['x-content-type-options'] ?? '') === 'nosniff';
    const missing = [csp ? '' : 'CSP', framing ? '' : 'frame-ancestors/X-Frame-Options', nosniff ? '' : 'nosniff'].filter(Boolean);
    out.push(result(`page headers on ${path.replace(/sbx_\w+/, 'sbx_…')}`, res.status > 0 && missing.length === 0, req, res,
      `CSP, frame-ancestors or X-Frame-Options, nosniff${missing.length ? `; missing ${missing.join(', ')}` : ''}`));
  }
  return out;
};

const ussdForwarded: Check = async (ctx) => {
  const body = formBody({ sessionId: `sec-${Date.now()}`, serviceCode: '*101#', phoneNumber: ctx.customerLine, text: '' });
  const ask = (xff?: string): HttpRequest => ({ method: 'POST', path: '/ussd', body, headers: { 'content-type': FORM, ...(xff ? { 'x-forwarded-for': xff } : {}) } });
  const out: CheckResult[] = [];
  let req = ask();
  let res = await send(ctx.url, req);
  out.push(result('USSD from loopback (control)', res.status === 200 && /^(CON|END) /.test(res.body), req, res, '200 CON/END'));
  req = ask('203.0.113.9');
  res = await send(ctx.url, req);
  out.push(result('USSD from a forwarded non-loopback caller', res.status === 403, req, res, '403'));
  req = ask('127.0.0.1, 203.0.113.9');
  res = await send(ctx.url, req);
  out.push(result('USSD with X-Forwarded-For: 127.0.0.1 claimed by a non-loopback caller', res.status === 403, req, res, '403'));
  return out;
};

function luhnComplete(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

async function smsCode(ctx: SuiteContext, msisdn: string, after: number): Promise<string | undefined> {
  for (let i = 0; i < 40; i++) {
    const res = await send(ctx.url, { method: 'GET', path: `/api/v1/demo-phone/messages?msisdn=${encodeURIComponent(msisdn)}` });
    if (res.status === 200) {
      const items = (JSON.parse(res.body) as { items: { text: string; receivedAt: string }[] }).items;
      const code = items.filter((m) => Date.parse(m.receivedAt) >= after).map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean);
      if (code) return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

const registrationPreHijack: Check = async (ctx) => {
  const suffix = String(Date.now() % 10_000_000).padStart(7, '0');
  const msisdn = `+99450${suffix}`;
  const validUntil = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const provision = await send(ctx.url, jsonPost(ctx, '/api/v1/admin/lines', [{ msisdn, iccid: luhnComplete(`899940000${suffix}77`), balance: { amount: 500, currency: 'AZN' }, validUntil }], undefined, { authorization: `Bearer ${ctx.adminToken}` }));
  if (provision.status >= 300) return [{ name: 'registration pre-hijack', pass: false, detail: `could not provision a fresh line: ${brief(provision)} ${provision.body.slice(0, 200)}` }];
  const started = Date.now() - 1000;
  const attacker = 'Attacker-Chose-This-1';
  const owner = `Owner-${crypto.randomUUID()}`;
  const register = jsonPost(ctx, '/api/v1/auth/register', { phone: msisdn, password: attacker, language: 'en' }, undefined, { 'x-forwarded-for': address(66) });
  const registered = await send(ctx.url, register);
  const code = await smsCode(ctx, msisdn, started);
  if (!code) return [result('registration pre-hijack: a code reaches the line', false, register, registered, '2xx and a 6-digit code by SMS')];
  const verify = jsonPost(ctx, '/api/v1/auth/verify', { phone: msisdn, code, password: owner }, undefined, { 'x-forwarded-for': address(67) });
  const verified = await send(ctx.url, verify);
  const login = (password: string, from: number): Promise<HttpAnswer> => send(ctx.url, jsonPost(ctx, '/api/v1/auth/login', { phone: msisdn, password }, undefined, { 'x-forwarded-for': address(from) }));
  const asAttacker = await login(attacker, 68);
  const asOwner = await login(owner, 69);
  return [
    result('registration: verify takes the password (register with one, verify with another)', verified.status >= 200 && verified.status < 300, verify, verified, '2xx'),
    { name: "registration: the register call's password does not sign in", pass: asAttacker.status === 401, detail: `POST /api/v1/auth/login (attacker's password) → ${brief(asAttacker)} (want 401)` },
    { name: "registration: the verify call's password signs in", pass: asOwner.status === 200, detail: `POST /api/v1/auth/login (owner's password) → ${brief(asOwner)} (want 200)` },
  ];
};

const noLockout: Check = async (ctx) => {
  const statuses = new Map<number, number>();
  for (let i = 0; i < 100; i++) {
    const res = await send(ctx.url, jsonPost(ctx, '/api/v1/auth/login', { phone: ctx.customerPhone, password: `wrong-${i}` }, undefined, { 'x-forwarded-for': address(100) }));
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  const req = jsonPost(ctx, '/api/v1/auth/login', { phone: ctx.customerPhone, password: ctx.customerPassword }, undefined, { 'x-forwarded-for': '198.51.100.20' });
  const res = await send(ctx.url, req);
  const seen = [...statuses].map(([s, n]) => `${s}×${n}`).join(', ');
  const fiveHundreds = [...statuses.keys()].filter((s) => s >= 500 || s === 0);
  return [{
    name: '100 wrong passwords from one address do not lock the owner out',
    pass: res.status === 200 && fiveHundreds.length === 0,
    detail: `100 × POST /api/v1/auth/login from 203.0.113.100 → ${seen}; then the owner from 198.51.100.20 → ${brief(res)} (want 200)`,
  }];
};

/** In order: the limits' checks each use an address of their own, so nothing here spends another's budget. */
export const fastSuite: readonly { readonly title: string; readonly run: Check }[] = [
  { title: 'NUL bytes', run: nulBytes },
  { title: 'oversized forms', run: hugeForms },
  { title: 'static path traversal', run: pathTraversal },
  { title: 'malformed URLs', run: badUrl },
  { title: 'staff CSRF', run: staffCsrf },
  { title: 'receipt verify limit', run: receiptLimit },
  { title: 'framing and sniffing headers', run: frameHeaders },
  { title: 'USSD behind a proxy', run: ussdForwarded },
  { title: 'registration pre-hijack', run: registrationPreHijack },
  { title: 'no lockout of the owner', run: noLockout },
];

export async function runFastSuite(ctx: SuiteContext, print: (line: string) => void): Promise<CheckResult[]> {
  const all: CheckResult[] = [];
  for (const group of fastSuite) {
    print(`\n— ${group.title}`);
    let results: CheckResult[];
    try {
      results = await group.run(ctx);
    } catch (error) {
      results = [{ name: group.title, pass: false, detail: `the check itself failed: ${error instanceof Error ? error.message : String(error)}` }];
    }
    for (const r of results) print(`${r.pass ? 'PASS' : 'FAIL'}  ${r.name}\n      ${r.detail}`);
    all.push(...results);
  }
  return all;
}
