// Reads and validates the environment once. A bad value stops start-up with the variable named.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError, type ErrorDetail } from './domain/errors.ts';
import type { NationalLanguage } from './domain/gsm-alphabets.ts';
import { parseNationalLanguageTables } from './domain/gsm-language-tables-setting.ts';
import { parsePhoneNumber } from './domain/phone-number.ts';
import { parseQuietHours, type QuietHours } from './domain/sms-quiet-hours.ts';
import { onlinePaymentProviders, type OnlinePaymentProviderName } from './domain/vocabularies.ts';
import { parseCounterPaymentEnv, type CounterPaymentSettings } from './payments/counter-payment-config.ts';

/** The call centre the demo names: a Baku number in a range no one is given. */
const DEMO_CALL_CENTRE = '+994124900000';

export const paymentProviderNames = onlinePaymentProviders;
export type PaymentProviderName = OnlinePaymentProviderName;

export const saxlaModes = ['demo', 'production'] as const;
export type SaxlaMode = (typeof saxlaModes)[number];

/** The address Saxla names itself by when SAXLA_BASE_URL is not set. */
export function defaultBaseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export interface Config {
  /** demo: embedded database, demo data, simulators; production: real settings or no start. */
  readonly mode: SaxlaMode;
  readonly port: number;
  readonly host: string;
  /** SAXLA_WORKERS: HTTP worker processes on the one port (more than one needs PostgreSQL and an SMSC). */
  readonly workers: number;
  /** SMS_MAX_PER_SECOND: the SMSC contract's cap for the whole fleet (one process sends at a time); 0: none. */
  readonly smsMaxPerSecond: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly secret: string;
  readonly adminToken: string;
  readonly adminTokenGenerated: boolean;
  readonly baseUrl: string;
  /** SAXLA_BASE_URL was set (else baseUrl is derived from HOST and PORT, and follows the real port when PORT=0). */
  readonly baseUrlGiven: boolean;
  /** A built-in policy version (e.g. "demo-2024-07") or a path to a policy JSON file. */
  readonly policy: string;
  readonly smppUrl: string | undefined;
  readonly smsSender: string;
  /** SMS_NATIONAL_LANGUAGE_TABLES: GSM national shift tables the SMSC honours (`tr`), or none (`off`). */
  readonly smsNationalLanguageTables: readonly NationalLanguage[];
  /** SMS_QUIET_HOURS: the Baku-time window in which reminders wait (default 22:00-09:00), or off. */
  readonly smsQuietHours: QuietHours;
  /** Leaflet tile URL template for the stores map; its origin goes into the portal's CSP. */
  readonly mapTileUrl: string | undefined;
  /** CALL_CENTRE_PHONE in E.164: the call centre the portal and GET /api/v1/stores name; demo: a sample number. */
  readonly callCentrePhone: string | undefined;
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDRs or loopback/linklocal/uniquelocal); unset: none. */
  readonly trustProxy: string | undefined;
  readonly ussdGatewaySecret: string | undefined;
  /** SAXLA_METRICS_TOKEN: the scraper's bearer token for /metrics; unset, demo answers loopback and production mounts none. */
  readonly metricsToken: string | undefined;
  readonly paymentProviders: readonly PaymentProviderName[];
  readonly stripe: { readonly secretKey: string | undefined; readonly webhookSecret: string | undefined };
  readonly paypal: {
    readonly clientId: string | undefined; readonly clientSecret: string | undefined; readonly webhookId: string | undefined;
    readonly apiBase: string; readonly currency: string;
  };
  readonly sandboxWebhookSecret: string;
  /** The counter's card terminal gateway and QR acquirer; a method left out is not offered in production. */
  readonly counterPayments: CounterPaymentSettings;
  /** Secrets generated on this start that the console shows once (never logged). */
  readonly generated: Readonly<Record<string, string>>;
}

type Env = Readonly<Record<string, string | undefined>>;

interface StoredSecrets { secret?: string; sandboxWebhookSecret?: string }

/** Generated secrets live beside the embedded database, readable by the owner only. */
function loadOrCreateSecrets(dataDir: string, want: (keyof StoredSecrets)[]): { stored: StoredSecrets; created: (keyof StoredSecrets)[] } {
  const file = join(dataDir, 'secrets.json');
  const stored: StoredSecrets = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets) : {};
  const created: (keyof StoredSecrets)[] = [];
  for (const key of want) {
    if (!stored[key]) {
      stored[key] = randomBytes(32).toString('base64url');
      created.push(key);
    }
  }
  if (created.length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { stored, created };
}

/**
 * Production runs only on real settings: its own database, the operator's SMSC, a real payment
 * provider, secrets the operator holds, an https address and a gateway secret for USSD (an
 * address alone is never trusted). Nothing is generated and no simulator can stand in.
 */
function productionProblems(text: (name: string) => string | undefined, providers: readonly string[], baseUrl: string | undefined): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const required: readonly [string, string][] = [
    ['DATABASE_URL', 'the PostgreSQL database (postgres://…); the embedded database is for the demo'],
    ['SMPP_URL', "the operator's SMSC (smpp://system_id:password@host:port); the SMSC simulator is for the demo"],
    ['SAXLA_SECRET', 'the master secret for HMACs (at least 32 characters), kept by the operator'],
    ['SAXLA_ADMIN_TOKEN', "the operator API's bearer token"],
    ['USSD_GATEWAY_SECRET', "the USSD gateway's shared secret (X-Gateway-Secret); no caller is trusted by its address"],
    ['SAXLA_BASE_URL', 'the public https address customers and providers reach'],
  ];
  for (const [name, what] of required) {
    if (!text(name)) problems.push({ path: name, message: `required in production: ${what}` });
  }
  const secret = text('SAXLA_SECRET');
  if (secret && secret.length < 32) problems.push({ path: 'SAXLA_SECRET', message: 'use at least 32 characters in production' });
  if (baseUrl && URL.canParse(baseUrl) && new URL(baseUrl).protocol !== 'https:') {
    problems.push({ path: 'SAXLA_BASE_URL', message: 'must be an https URL in production' });
  }
  if (!text('PAYMENT_PROVIDERS')) {
    problems.push({ path: 'PAYMENT_PROVIDERS', message: 'required in production: stripe and/or paypal (the sandbox is for the demo)' });
  } else if (providers.includes('sandbox')) {
    problems.push({ path: 'PAYMENT_PROVIDERS', message: 'the sandbox provider is for the demo; name stripe or paypal in production' });
  }
  return problems;
}

export function loadConfig(env: Env = process.env): Config {
  const problems: ErrorDetail[] = [];
  const text = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const modeText = text('SAXLA_MODE') ?? 'demo';
  if (!(saxlaModes as readonly string[]).includes(modeText)) problems.push({ path: 'SAXLA_MODE', message: `"${modeText}" is not a mode (demo or production)` });
  const mode: SaxlaMode = modeText === 'production' ? 'production' : 'demo';

  const portText = text('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) problems.push({ path: 'PORT', message: `"${portText}" is not a port number (0–65535)` });
  const host = text('HOST') ?? '127.0.0.1';
  const counted = (name: string, fallback: number, max: number, what: string): number => {
    const given = text(name);
    if (given === undefined) return fallback;
    const value = Number(given);
    if (!/^\d+$/.test(given) || value > max) problems.push({ path: name, message: `"${given}" is not ${what} (0–${String(max)})` });
    return value;
  };
  const workers = counted('SAXLA_WORKERS', 1, 64, 'a number of HTTP worker processes');
  if (workers === 0) problems.push({ path: 'SAXLA_WORKERS', message: 'at least 1 worker answers HTTP' });
  const smsMaxPerSecond = counted('SMS_MAX_PER_SECOND', 0, 100_000, 'a number of SMS parts per second');

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push({ path: 'DATABASE_URL', message: 'must start with postgres:// or postgresql://' });

  const smppUrl = text('SMPP_URL');
  if (smppUrl && !/^smpp:\/\/[^:@/]+:[^@/]*@[^:/]+:\d+\/?$/.test(smppUrl)) problems.push({ path: 'SMPP_URL', message: 'must look like smpp://system_id:password@host:port' });

  const smsSender = text('SMS_SENDER') ?? 'Saxla';
  if (!/^[A-Za-z0-9 ]{1,11}$/.test(smsSender)) problems.push({ path: 'SMS_SENDER', message: 'an alphanumeric sender ID has 1–11 letters, digits or spaces' });

  const nationalTables = parseNationalLanguageTables(env.SMS_NATIONAL_LANGUAGE_TABLES);
  if (nationalTables.problem) problems.push(nationalTables.problem);
  const quietHours = parseQuietHours(env.SMS_QUIET_HOURS);
  if (quietHours.problem) problems.push(quietHours.problem);

  const mapTileUrl = text('MAP_TILE_URL');
  if (mapTileUrl && !(/^https:\/\/[^/\s]+\/\S*$/.test(mapTileUrl) && ['{z}', '{x}', '{y}'].every((part) => mapTileUrl.includes(part)))) {
    problems.push({ path: 'MAP_TILE_URL', message: 'an https URL template with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png' });
  }

  const callCentreText = text('CALL_CENTRE_PHONE');
  let callCentrePhone: string | undefined;
  try {
    callCentrePhone = callCentreText === undefined ? (mode === 'demo' ? DEMO_CALL_CENTRE : undefined) : parsePhoneNumber(callCentreText);
  } catch {
    // parsePhoneNumber's refusal is the problem reported; start-up stops naming the variable.
    problems.push({ path: 'CALL_CENTRE_PHONE', message: 'a phone number, e.g. +994124900000' });
  }

  // Behind a load balancer every caller would otherwise share its address, and the per-address
  // limits (sized for carrier NAT) would count the whole country as one caller.
  const trustProxy = text('TRUST_PROXY');
  const proxyEntryOk = (entry: string): boolean => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  };
  if (trustProxy && !trustProxy.split(',').map((e) => e.trim()).every(proxyEntryOk)) {
    problems.push({ path: 'TRUST_PROXY', message: 'comma-separated proxy addresses or CIDRs (e.g. 10.0.0.0/8,loopback)' });
  }

  const providers = (text('PAYMENT_PROVIDERS') ?? 'sandbox').split(',').map((p) => p.trim()).filter(Boolean);
  for (const p of providers) {
    if (!(paymentProviderNames as readonly string[]).includes(p)) problems.push({ path: 'PAYMENT_PROVIDERS', message: `unknown provider "${p}" (known: ${paymentProviderNames.join(', ')})` });
  }
  if (providers.length === 0) problems.push({ path: 'PAYMENT_PROVIDERS', message: 'name at least one provider' });
  if (providers.includes('stripe') && (!text('STRIPE_SECRET_KEY') || !text('STRIPE_WEBHOOK_SECRET'))) {
    problems.push({ path: 'STRIPE_SECRET_KEY', message: 'stripe is enabled: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET' });
  }
  if (providers.includes('paypal') && (!text('PAYPAL_CLIENT_ID') || !text('PAYPAL_CLIENT_SECRET') || !text('PAYPAL_WEBHOOK_ID'))) {
    problems.push({ path: 'PAYPAL_CLIENT_ID', message: 'paypal is enabled: set PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID' });
  }
  const paypalCurrency = text('PAYPAL_CURRENCY') ?? 'USD';
  if (!/^[A-Z]{3}$/.test(paypalCurrency)) problems.push({ path: 'PAYPAL_CURRENCY', message: 'an ISO 4217 code such as USD' });

  const baseUrlText = text('SAXLA_BASE_URL');
  if (baseUrlText && !URL.canParse(baseUrlText)) problems.push({ path: 'SAXLA_BASE_URL', message: 'not a URL' });

  const adminTokenGiven = text('SAXLA_ADMIN_TOKEN');
  if (adminTokenGiven && adminTokenGiven.length < 16) problems.push({ path: 'SAXLA_ADMIN_TOKEN', message: 'use at least 16 characters' });

  const counter = parseCounterPaymentEnv(env);
  for (const problem of counter.problems) problems.push({ path: problem.split(' ')[0] ?? 'counter payments', message: problem });

  if (mode === 'production') problems.push(...productionProblems(text, providers, baseUrlText));

  if (problems.length > 0) throw new DomainError('CONFIG_INVALID', 'the configuration is not valid', problems);

  const dataDir = resolve(text('SAXLA_DATA_DIR') ?? './.saxla');
  const givenSecret = text('SAXLA_SECRET');
  const givenSandbox = text('SANDBOX_WEBHOOK_SECRET');
  const want: (keyof StoredSecrets)[] = [];
  // Production has every secret given (checked above) and never writes one to disk.
  if (mode === 'demo') {
    if (!givenSecret) want.push('secret');
    if (!givenSandbox) want.push('sandboxWebhookSecret');
  }
  const { stored, created } = want.length > 0 ? loadOrCreateSecrets(dataDir, want) : { stored: {}, created: [] };

  const adminToken = adminTokenGiven ?? randomBytes(24).toString('base64url');
  const generated: Record<string, string> = {};
  if (!adminTokenGiven) generated.SAXLA_ADMIN_TOKEN = adminToken;
  if (created.includes('secret') && stored.secret) generated.SAXLA_SECRET = stored.secret;
  if (created.includes('sandboxWebhookSecret') && stored.sandboxWebhookSecret) generated.SANDBOX_WEBHOOK_SECRET = stored.sandboxWebhookSecret;

  return {
    mode, port, host, workers, smsMaxPerSecond, databaseUrl, dataDir,
    secret: givenSecret ?? stored.secret ?? '',
    adminToken,
    adminTokenGenerated: !adminTokenGiven,
    baseUrl: (baseUrlText ?? defaultBaseUrl(host, port)).replace(/\/$/, ''),
    baseUrlGiven: baseUrlText !== undefined,
    policy: text('SAXLA_POLICY') ?? 'demo-2024-07',
    smppUrl,
    smsSender,
    smsNationalLanguageTables: nationalTables.tables,
    smsQuietHours: quietHours.quietHours,
    mapTileUrl,
    callCentrePhone,
    trustProxy,
    ussdGatewaySecret: text('USSD_GATEWAY_SECRET'),
    metricsToken: text('SAXLA_METRICS_TOKEN'),
    paymentProviders: providers as PaymentProviderName[],
    stripe: { secretKey: text('STRIPE_SECRET_KEY'), webhookSecret: text('STRIPE_WEBHOOK_SECRET') },
    paypal: {
      clientId: text('PAYPAL_CLIENT_ID'), clientSecret: text('PAYPAL_CLIENT_SECRET'), webhookId: text('PAYPAL_WEBHOOK_ID'),
      apiBase: text('PAYPAL_API_BASE') ?? 'https://api-m.sandbox.paypal.com', currency: paypalCurrency,
    },
    sandboxWebhookSecret: givenSandbox ?? stored.sandboxWebhookSecret ?? '',
    counterPayments: counter.settings,
    generated,
  };
}
