// The promotions back office in the staff console: pages in the console's language (zh, tr),
// the form's round trip, publishing refused until every language is written, the role guard,
// and announcements written and ended from the page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { locales } from '../../src/domain/money.ts';
import type { StaffDeps } from '../../src/services/staff-auth.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, staffForm, type EnrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

let t: PaymentsTestApp;
let marketing: EnrolledStaff;
let agent: EnrolledStaff;

before(async () => {
  t = await buildPaymentsTestApp({ lines: 1 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const deps: StaffDeps = { db: t.db, now: t.clock.now, secret: 'test-secret-for-hmacs-0123456789abcdef', passwordHashing: testPasswordHashing };
  const origin = { ip: '10.0.0.8', userAgent: 'test' };
  marketing = await enrolledStaff(deps, 'marketing', null, '+994700000501', origin);
  agent = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000502', origin);
});
after(async () => t.close());

const get = (who: EnrolledStaff, url: string) => t.anonymousApp.inject({ method: 'GET', url, cookies: { saxla_staff: who.token } });
const post = (who: EnrolledStaff, url: string, body: Record<string, string | string[]>) => {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const one of [v].flat()) form.append(k, one);
  return t.anonymousApp.inject({ method: 'POST', url, headers: staffForm, cookies: { saxla_staff: who.token }, payload: form.toString() });
};

test('marketing lands on the promotions page, in Chinese; agents are refused', async () => {
  const home = await get(marketing, '/staff');
  assert.equal(home.statusCode, 302);
  assert.equal(home.headers.location, '/staff/promotions');
  const zh = await get(marketing, '/staff/promotions?lang=zh');
  assert.equal(zh.statusCode, 200, zh.body);
  assert.match(zh.body, /<html lang="zh"/);
  assert.match(zh.body, /促销活动和优惠码/);
  assert.match(zh.body, /WELCOME10/);
  assert.match(zh.body, /门户网站公告/);
  assert.equal((await get(agent, '/staff/promotions')).statusCode, 403);
  assert.equal((await post(agent, '/staff/promotions', { code: 'X1' })).statusCode, 403);
  assert.equal(await countRows(t.db, 'promotions', "code = 'X1'"), 0);
});

test('a code drafted in Turkish is refused publication until every language is written, then runs', async () => {
  const draft = {
    code: 'kis20', kind: 'code', discountType: 'fixed', amount: '2,00', minOrder: '10,00', validFrom: '2026-11-26', validUntil: '2026-12-31',
    planCodes: ['SAXLA_NOMRE', 'ECNEBI_PAKET'], channel: 'online', audience: 'new', perCustomerCap: '', perLineCap: '', totalCap: '500', minMonths: '',
    name_tr: 'Kış indirimi', description_tr: '2 manat indirim',
  };
  const created = await post(marketing, '/staff/promotions?lang=tr', draft);
  assert.equal(created.statusCode, 303, created.body);
  assert.equal(created.headers.location, '/staff/promotions/KIS20');
  const page = await get(marketing, '/staff/promotions/KIS20?lang=tr');
  assert.match(page.body, /Taslak/);
  assert.match(page.body, /Yayımlamadan önce yazın/);
  assert.match(page.body, /value="Kış indirimi"/);
  assert.match(page.body, /value="SAXLA_NOMRE" checked/);
  const refused = await post(marketing, '/staff/promotions/KIS20/publish?lang=tr', {});
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /PROMOTION_INVALID/);
  assert.equal(await countRows(t.db, 'promotions', "code = 'KIS20' and state = 'draft'"), 1);
  const all = { ...draft, ...Object.fromEntries(locales.flatMap((l) => [[`name_${l}`, `Kış ${l}`], [`description_${l}`, `İki ${l}`]])) };
  assert.equal((await post(marketing, '/staff/promotions/KIS20', all)).statusCode, 303);
  assert.equal((await post(marketing, '/staff/promotions/KIS20/publish', {})).statusCode, 303);
  const running = await get(marketing, '/staff/promotions/KIS20?lang=tr');
  assert.match(running.body, /Yürürlükte/);
  assert.match(running.body, /Koşullarını değiştirmek için bu kampanyayı duraklatın/);
  const api = await t.anonymousApp.inject({ method: 'GET', url: '/api/v1/promotions?lang=tr' });
  const item = (api.json() as { items: { code?: string; name: string }[] }).items.find((o) => o.code === 'KIS20');
  assert.equal(item?.name, 'Kış tr');
  assert.equal(await countRows(t.db, 'staff_audit_log', "staff_id = $1 and action like 'promotion.%'", [marketing.actor.staff.id]), 3);
});

test('an announcement is written in every language from the page, shown, then ended', async () => {
  const missing = await post(marketing, '/staff/announcements', { text_en: 'Only English', startsOn: '2026-11-26', endsOn: '2026-11-28' });
  assert.equal(missing.statusCode, 422);
  const texts = Object.fromEntries(locales.map((l) => [`text_${l}`, `Stores close at 16:00 (${l})`]));
  const ok = await post(marketing, '/staff/announcements', { ...texts, startsOn: '2026-11-26', endsOn: '2026-11-28' });
  assert.equal(ok.statusCode, 303, ok.body);
  const home = await t.anonymousApp.inject({ method: 'GET', url: '/?lang=ru' });
  assert.match(home.body, /Stores close at 16:00 \(ru\)/);
  const list = await get(marketing, '/staff/promotions?lang=en');
  const id = /\/staff\/announcements\/([0-9a-f-]{36})\/end/.exec(list.body)?.[1];
  assert.ok(id);
  assert.equal((await post(marketing, `/staff/announcements/${id}/end`, {})).statusCode, 303);
  const after = await t.anonymousApp.inject({ method: 'GET', url: '/?lang=ru' });
  assert.doesNotMatch(after.body, /Stores close at 16:00/);
});
