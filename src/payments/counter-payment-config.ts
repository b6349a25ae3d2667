// The counter's payment settings from the environment (a pure parser config.ts calls) and the real
// adapters they build. A method whose settings are absent has no adapter: production does not
// offer it; demo mode puts a simulator in its place (see services/choose-counter-payments.ts).
import type { CounterPayments } from './counter-payment.ts';
import { createPosTerminalGateway } from './pos-provider.ts';
import { createQrAcquirer } from './qr-provider.ts';

export interface CounterPaymentSettings {
  /** POS_TERMINAL_URL + POS_TERMINAL_TOKEN: the ECR gateway driving the stores' card terminals. */
  readonly pos?: { readonly url: string; readonly token: string };
  /** QR_MERCHANT_ID + QR_WEBHOOK_SECRET (+ optional QR_MERCHANT_NAME, QR_MERCHANT_CITY): the QR acquirer. */
  readonly qr?: { readonly merchantId: string; readonly webhookSecret: string; readonly merchantName?: string; readonly city?: string };
}

export const counterPaymentEnvNames = ['POS_TERMINAL_URL', 'POS_TERMINAL_TOKEN', 'QR_MERCHANT_ID', 'QR_WEBHOOK_SECRET', 'QR_MERCHANT_NAME', 'QR_MERCHANT_CITY'] as const;

type Env = Readonly<Record<string, string | undefined>>;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
const MIN_SECRET_LENGTH = 16;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/** Each problem names its variable, so config.ts can report them all at once (CONFIG_INVALID). */
export function parseCounterPaymentEnv(env: Env): { readonly settings: CounterPaymentSettings; readonly problems: readonly string[] } {
  const problems: string[] = [];
  let pos: CounterPaymentSettings['pos'];
  const url = value(env, 'POS_TERMINAL_URL');
  const token = value(env, 'POS_TERMINAL_TOKEN');
  if (url !== undefined || token !== undefined) {
    if (url === undefined) problems.push('POS_TERMINAL_URL is required with POS_TERMINAL_TOKEN');
    if (token === undefined) problems.push('POS_TERMINAL_TOKEN is required with POS_TERMINAL_URL');
    else if (token.length < MIN_SECRET_LENGTH) problems.push(`POS_TERMINAL_TOKEN must have at least ${MIN_SECRET_LENGTH} characters`);
    if (url !== undefined) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        problems.push('POS_TERMINAL_URL is not a URL');
      }
      // The terminal's answer marks sales paid: it must come over TLS unless the gateway is on this host.
      if (parsed && parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname))) {
        problems.push('POS_TERMINAL_URL must be https (http only on localhost)');
      }
      if (parsed && (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '')) problems.push('POS_TERMINAL_URL must have no query, fragment or credentials');
    }
    if (problems.length === 0 && url !== undefined && token !== undefined) pos = { url, token };
  }
  let qr: CounterPaymentSettings['qr'];
  const merchantId = value(env, 'QR_MERCHANT_ID');
  const webhookSecret = value(env, 'QR_WEBHOOK_SECRET');
  const merchantName = value(env, 'QR_MERCHANT_NAME');
  const city = value(env, 'QR_MERCHANT_CITY');
  const qrProblems: string[] = [];
  if (merchantId !== undefined || webhookSecret !== undefined || merchantName !== undefined || city !== undefined) {
    if (merchantId === undefined) qrProblems.push('QR_MERCHANT_ID is required for QR payments at the counter');
    else if (!/^[A-Za-z0-9-]{1,25}$/.test(merchantId)) qrProblems.push('QR_MERCHANT_ID must be 1 to 25 letters, digits or dashes');
    if (webhookSecret === undefined) qrProblems.push('QR_WEBHOOK_SECRET is required for QR payments at the counter');
    else if (webhookSecret.length < MIN_SECRET_LENGTH) qrProblems.push(`QR_WEBHOOK_SECRET must have at least ${MIN_SECRET_LENGTH} characters`);
    // EMVCo field lengths: the payload would silently cut longer ones.
    if (merchantName !== undefined && !/^[\x20-\x7e]{1,25}$/.test(merchantName)) qrProblems.push('QR_MERCHANT_NAME must be 1 to 25 ASCII characters');
    if (city !== undefined && !/^[\x20-\x7e]{1,15}$/.test(city)) qrProblems.push('QR_MERCHANT_CITY must be 1 to 15 ASCII characters');
    if (qrProblems.length === 0 && merchantId !== undefined && webhookSecret !== undefined) {
      qr = { merchantId, webhookSecret, ...(merchantName === undefined ? {} : { merchantName }), ...(city === undefined ? {} : { city }) };
    }
  }
  problems.push(...qrProblems);
  return { settings: { ...(pos ? { pos } : {}), ...(qr ? { qr } : {}) }, problems };
}

/** The real adapters for the configured methods (no network call here). */
export function createCounterAdapters(settings: CounterPaymentSettings, options: { readonly baseUrl: string; readonly fetch?: typeof fetch }): CounterPayments {
  return {
    ...(settings.pos ? { pos: createPosTerminalGateway({ url: settings.pos.url, token: settings.pos.token, baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) }) } : {}),
    ...(settings.qr ? { qr: createQrAcquirer({ ...settings.qr, baseUrl: options.baseUrl }) } : {}),
  };
}
