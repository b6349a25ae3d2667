// The portal's browser tests: a real Saxla server on PGlite (demo lines, plans, promotions and
// stores, the sandbox provider delivering its signed webhooks over HTTP) and Debian's chromium
// driven by playwright-core. Without chromium the tests fail with the fix, never skip.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { instantFromEpochMs } from '../../src/domain/calendar.ts';
import { locales } from '../../src/domain/money.ts';
import type { Database } from '../../src/db/database.ts';
import { upsertPromotions } from '../../src/db/promotion-repository.ts';
import { demoPromotions } from '../../src/demo/catalog.ts';
import { DEFAULT_PAYMENT_GRACE_MS, type PaymentSetup } from '../../src/payments/payment-setup.ts';
import { createSandboxProvider, type SandboxProvider } from '../../src/payments/sandbox-provider.ts';
import { seedDemo } from '../../src/services/seed-demo.ts';
import { translator } from '../../src/web/portal/i18n.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { policy } from '../helpers/factories.ts';
import { buildAppOn, type TestAppSetup } from '../helpers/test-app.ts';

export const CHROMIUM = process.env.SAXLA_CHROMIUM ?? '/usr/bin/chromium';
export const PASSWORD = 'Xazar-Sahili-2026-Berlin';
export const RESULTS_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'portal');
/** The server's SAXLA_SECRET: a test creating a staff account directly must seal its TOTP secret with it. */
export const SERVER_SECRET = 'e2e-secret-for-hmacs-0123456789abcdef';

export interface PortalServer {
  readonly url: string;
  readonly db: Database;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** A real server on an ephemeral port with the real clock: validity days count from today. */
export async function startPortalServer(): Promise<PortalServer> {
  const testDb: TestDatabase = await openTestDatabase();
  const db = testDb.db;
  const now = () => instantFromEpochMs(Date.now());
  await seedDemo({ db, policy, now });
  await db.tx((sql) => upsertPromotions(sql, demoPromotions));
  const holder = { url: 'http://127.0.0.1:0' };
  const sandbox: SandboxProvider = createSandboxProvider({
    db, secret: 'whsec_e2e_portal_0123456789abcdef', now, baseUrl: () => holder.url,
    delivery: { delayMs: 150, copies: 1, spreadMs: 0, enabled: true },
  });
  const payments: PaymentSetup = {
    providers: { sandbox }, defaultProvider: 'sandbox', sandbox, paymentGraceMs: DEFAULT_PAYMENT_GRACE_MS,
    get baseUrl() { return holder.url; },
  };
  const deps: TestAppSetup = { db, policy, now, adminToken: 'e2e-admin-token-0123456789', secret: SERVER_SECRET, payments };
  const app = await buildAppOn(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  holder.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url: holder.url, db, app,
    async close() {
      sandbox.stop();
      await app.close();
      await testDb.close();
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile; a clear failure when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The portal's browser tests need Debian's chromium at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set SAXLA_CHROMIUM to another chromium binary).`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'saxla-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 360, height: 780 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core evaluated in the page (CSP would block an injected script tag); serious and critical only. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  // A string, not a function: it runs in the page, which has a DOM this project's types do not.
  const raw: unknown = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
  const violations = raw as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** axe-core's WCAG 2.0 A and AA rules only, violations of any impact (the staff console's bar). */
export async function wcagViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const raw: unknown = await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
  return (raw as AxeViolation[]).map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Full-page screenshots at 360 and 1280 px into test-results/portal (git-ignored). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await page.screenshot({ path: join(RESULTS_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 780 });
}

/** The 6-digit code in the latest one-time-code SMS to this number (what the demo phone shows). */
export async function latestCode(db: Database, msisdn: string): Promise<string> {
  const [row] = await db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [msisdn]);
  const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
  if (!code) throw new Error(`no code SMS to ${msisdn}`);
  return code;
}

// The phone field's label in whichever language the page speaks (an earlier page may have chosen it).
const phoneLabel = new RegExp(locales.map((l) => translator(l)('field.phone').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** Register through the pages: phone → code from the SMS and the password → signed in. */
export async function registerThroughPages(page: Page, server: PortalServer, msisdn: string, national: string): Promise<void> {
  await page.goto(`${server.url}/register`);
  await page.getByLabel(phoneLabel).fill(national);
  await page.locator('form[action="/register"] button[type=submit]').click();
  await page.waitForURL(/\/verify\?/);
  await page.locator('#code').fill(await latestCode(server.db, msisdn));
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form[action="/verify"] button[type=submit]').click();
  await page.waitForURL(/\/dashboard$/);
}
