// What sqlmap is pointed at: every operation of /api/v1/openapi.json (the JSON API, and the portal
// and console routes it lists) plus the hidden form routes (USSD, sandbox page, demo phone), each
// with a valid request whose every string value, path parameter and query value carries sqlmap's
// `*` injection marker. JSON bodies come from the OpenAPI schema; form bodies from the route files
// (Fastify's schema does not describe them), listed below.

export type Session = 'customer' | 'staff' | 'admin' | 'none';

export interface SqlmapTarget {
  readonly method: string;
  /** The route as OpenAPI names it, for the report. */
  readonly route: string;
  /** Path and query, markers included. */
  readonly pathAndQuery: string;
  readonly body?: { readonly type: 'json' | 'form'; readonly text: string };
  readonly session: Session;
  readonly idempotencyKey: boolean;
  /** What carries a marker, for the report: `msisdn (path)`, `from (query)`, `phone`, … */
  readonly marked: readonly string[];
}

export interface KnownValues {
  readonly customerLine: string;
  readonly quoteId: string;
  readonly orderId: string;
  readonly sandboxSession: string;
  readonly tomorrow: string;
  readonly slotStart: string;
}

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly minimum?: number;
}

interface OpenApiOperation {
  readonly parameters?: readonly { readonly in: string; readonly name: string }[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
}

// Phones that are nobody's account: sqlmap's wrong passwords must not throttle the demo customer
// or the demo manager whose sessions the run is using.
const stranger = '+994500000101';
const staffStranger = '+994700000199';

/** URL-encoded, `*` included: a literal `*` (as in *101#) would be read as sqlmap's marker. */
const encode = (value: string): string => encodeURIComponent(value).replaceAll('*', '%2A');

function valueFor(name: string, known: KnownValues): string {
  const table: Record<string, string> = {
    msisdn: known.customerLine, phone: stranger, phoneNumber: known.customerLine, password: 'Wrong-Password-1', code: '123456',
    language: 'en', lang: 'en', planCode: 'SAXLA_NOMRE', promoCode: 'SPRING', quoteId: known.quoteId, orderId: known.orderId,
    storeId: 'baku-28-may', store: 'baku-28-may', slotStart: known.slotStart, date: known.tomorrow, from: '2026-01-01', to: known.tomorrow,
    format: 'json', near: '40.4093,49.8671', reference: 'emanat-sec-1', reason: 'security run', email: 'sec@example.org',
    number: 'R-0000-0000', sessionId: known.sandboxSession, provider: 'sandbox', iccid: '8999400000000001017', q: known.customerLine,
    appointmentId: crypto.randomUUID(), id: crypto.randomUUID(), staff: crypto.randomUUID(), months: '1', text: '',
    validUntil: known.tomorrow, plan: 'SAXLA_NOMRE', notice: 'sent',
  };
  return table[name] ?? 'x';
}

// Form bodies, read from the route files (portal-public-routes.ts, portal-customer-routes.ts,
// sandbox-pay.ts, ussd-route.ts and the staff-*-routes.ts): field → value; undefined = valueFor.
const formFields: Readonly<Record<string, Readonly<Record<string, string | undefined>>>> = {
  'POST /register': { phone: undefined, password: undefined, language: undefined },
  'POST /verify': { phone: undefined, code: undefined, password: undefined },
  'POST /login': { phone: undefined, password: undefined },
  'POST /reset': { phone: undefined },
  'POST /reset/confirm': { phone: undefined, code: undefined, password: undefined },
  'POST /lines/{msisdn}/quote': { planCode: undefined, months: undefined, promoCode: undefined },
  'POST /orders': { quoteId: undefined, msisdn: undefined, planCode: undefined, months: undefined },
  'POST /settings': { language: undefined },
  'POST /lines/{msisdn}/auto-renew': {
    kind: 'renew', planCode: undefined, months: undefined, daysBefore: '3', amount: '5', belowBalance: '1', dayOfMonth: '1', monthlyCap: '20', source: 'balance',
  },
  'POST /lines/{msisdn}/auto-renew/method': { provider: undefined },
  'POST /settings/reminders': { before30Days: 'on', before7Days: 'on', before1Day: 'on', stageNotices: 'on', email: undefined },
  'POST /staff/login': { phone: staffStranger, password: undefined, code: undefined },
  'POST /staff/enrol': { code: undefined },
  // A wrong current password: the change is refused, whatever sqlmap puts in `next`.
  'POST /staff/password': { current: 'Not-The-Current-1', next: 'Sec-Run-New-Password-1' },
  'POST /staff/id-checks': { msisdn: undefined, documentType: 'passport', issuingCountry: 'AZE', documentNumber: 'AA1234567', documentExpires: '2030-01-01', iccid: undefined },
  'POST /staff/sales': { msisdn: undefined, kind: 'renewal', planCode: undefined, months: undefined, promoCode: undefined, method: 'pos', formKey: 'sec-run-form-key' },
  'POST /staff/sales/{orderId}/pos': { approvalCode: '123456', rrn: '123456789012' },
  'POST /staff/sales/{orderId}/simulate': { outcome: 'failed' },
  'POST /staff/receipts/void': { number: undefined, reason: undefined },
  'POST /staff/team': { phone: staffStranger, role: 'agent', storeId: undefined },
  'POST /ussd': { sessionId: 'sec-run-1', serviceCode: '*101#', phoneNumber: undefined, text: undefined },
  'POST /pay/sandbox/{sessionId}': { cardNumber: '4000000000000002' },
  'POST /pay/sandbox/setup/{setupId}': { cardNumber: '4000000000000002' },
};

// Query strings of routes OpenAPI does not describe (portal and console pages read them by hand).
const queryFields: Readonly<Record<string, readonly string[]>> = {
  'GET /security': ['msisdn', 'code'], 'GET /lines/{msisdn}/renew': ['months', 'plan'], 'GET /lines/{msisdn}/history': ['from', 'to'],
  'GET /lines/{msisdn}/auto-renew': ['method', 'saved'],
  'GET /stores': ['near'], 'GET /staff/lines': ['q', 'notice'], 'GET /staff/sales/{orderId}': ['notice'], 'GET /staff/report': ['date', 'store', 'staff'], 'GET /demo-phone': ['msisdn'],
};

// Console buttons that post no fields (the path is their only input).
const bodilessForms = /\/(attend|qr-simulate|deactivate|terminal|check)$/;

// Routes OpenAPI hides: the sandbox's hosted page, USSD and the demo phone page.
const hiddenRoutes: readonly [string, string][] = [
  ['POST', '/ussd'], ['POST', '/pay/sandbox/{sessionId}'], ['GET', '/demo-phone'], ['GET', '/pay/sandbox/{sessionId}'],
  ['GET', '/pay/sandbox/setup/{setupId}'], ['POST', '/pay/sandbox/setup/{setupId}'],
];

// Not tested: sign-outs would end the sessions the run is using; the OpenAPI document, health
// probes and static files read no input.
const skipped = new Set(['POST /api/v1/auth/logout', 'POST /logout', 'POST /staff/logout', 'GET /api/v1/openapi.json', 'GET /staff/assets/staff.css', 'GET /healthz', 'GET /readyz']);

// Run last: a wrong password or TOTP code here could, with enough of them, end the console session.
const touchesOwnSession = new Set(['POST /staff/password', 'POST /staff/enrol', 'POST /staff/team/{id}/deactivate']);

function exampleOf(schema: JsonSchema, name: string, known: KnownValues): unknown {
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return exampleOf(variant, name, known);
  if (schema.enum && schema.enum.length > 0) return schema.enum.includes(valueFor(name, known)) ? valueFor(name, known) : schema.enum[0];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      // Optional fields only when we know a sensible value (a quote's `items` is another shape).
      if (schema.required?.includes(key) || valueFor(key, known) !== 'x') {
        out[key] = exampleOf(child, key, known);
      }
    }
    return out;
  }
  if (types.includes('array')) return [exampleOf(schema.items ?? {}, name, known)];
  if (types.includes('string')) return valueFor(name, known);
  if (types.includes('integer') || types.includes('number')) return Math.max(schema.minimum ?? 1, name === 'amount' ? 100 : 1);
  if (types.includes('boolean')) return true;
  return null;
}

/** Every string value gets sqlmap's marker; numbers and booleans are left valid (the schema types them). */
function markStrings(value: unknown, names: string[], at = ''): unknown {
  if (typeof value === 'string') {
    names.push(at || 'body');
    return `${value}*`;
  }
  if (Array.isArray(value)) return value.map((v, i) => markStrings(v, names, `${at}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markStrings(v, names, at ? `${at}.${k}` : k)]));
  return value;
}

function sessionOf(route: string): Session {
  if (route.startsWith('/staff')) return 'staff';
  if (route.startsWith('/api/v1/admin')) return 'admin';
  if (route === '/ussd' || route.startsWith('/pay/sandbox') || route.startsWith('/api/v1/payments/webhooks')) return 'none';
  return 'customer';
}

export interface TargetPlan {
  readonly targets: SqlmapTarget[];
  /** Routes not tested, with why. */
  readonly notes: string[];
}

export function planTargets(doc: OpenApiDocument, known: KnownValues): TargetPlan {
  const operations: [string, string, OpenApiOperation][] = [];
  for (const [route, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) operations.push([method.toUpperCase(), route, op]);
  }
  for (const [method, route] of hiddenRoutes) {
    if (!operations.some(([m, r]) => m === method && r === route)) operations.push([method, route, {}]);
  }
  const targets: SqlmapTarget[] = [];
  const last: SqlmapTarget[] = [];
  const notes: string[] = [];
  for (const [method, route, op] of operations) {
    const key = `${method} ${route}`;
    if (skipped.has(key)) continue;
    const params = op.parameters ?? [];
    const path = route.replace(/\{(\w+)\}/g, (_m, name: string) => `${encode(valueFor(name, known))}*`);
    const queryNames = [...params.filter((p) => p.in === 'query').map((p) => p.name), ...(queryFields[key] ?? [])];
    const query = queryNames.map((name) => `${name}=${encode(valueFor(name, known))}*`).join('&');
    const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
    const form = formFields[key];
    const marked = [...[...route.matchAll(/\{(\w+)\}/g)].map((m) => `${m[1] ?? ''} (path)`), ...queryNames.map((n) => `${n} (query)`)];
    let body: SqlmapTarget['body'];
    if (jsonSchema) {
      body = { type: 'json', text: JSON.stringify(markStrings(exampleOf(jsonSchema, '', known), marked)) };
    } else if (form) {
      marked.push(...Object.keys(form));
      body = { type: 'form', text: Object.entries(form).map(([name, value]) => `${name}=${encode(value ?? valueFor(name, known))}*`).join('&') };
    } else if (method !== 'GET' && route.startsWith('/api/') && (path.includes('*') || query !== '')) {
      // A bodiless API POST: sqlmap would send it as an empty form, which the API answers 415
      // before the route (and its path parameter) is reached.
      body = { type: 'json', text: '{}' };
    }
    const hasInput = body !== undefined || query !== '' || path.includes('*');
    if (!hasInput) {
      if (method !== 'GET') notes.push(`${key}: no parameters, no body template: not tested`);
      continue;
    }
    if (method === 'POST' && !body && !route.startsWith('/api/') && !bodilessForms.test(route)) {
      notes.push(`${key}: a form route with no template in test/security/sqlmap-targets.ts: only its path is tested`);
    }
    const idempotencyKey = params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
    if (idempotencyKey) marked.push('Idempotency-Key (header)');
    const target: SqlmapTarget = { method, route, pathAndQuery: query ? `${path}?${query}` : path, ...(body ? { body } : {}), session: sessionOf(route), idempotencyKey, marked };
    (touchesOwnSession.has(key) ? last : targets).push(target);
  }
  return { targets: [...targets, ...last], notes };
}
