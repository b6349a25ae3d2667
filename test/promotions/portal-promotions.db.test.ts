// The portal's promotions: the public page in the visitor's language with codes, conditions and
// last days; the dashboard's panel of what this account can use; announcements on their days.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { locales } from '../../src/domain/money.ts';
import { createAnnouncement } from '../../src/services/manage-announcements.ts';
import { changePromotionState, createPromotion } from '../../src/services/manage-promotions.ts';
import type { StaffDeps } from '../../src/services/staff-auth.ts';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

let t: PaymentsTestApp;
const texts = (prefix: string) => Object.fromEntries(locales.map((l) => [l, `${prefix}-${l}`]));

before(async () => {
  t = await buildPaymentsTestApp({ lines: 1 });
  const staffDeps: StaffDeps = { db: t.db, now: t.clock.now, secret: 'test-secret-for-hmacs-0123456789abcdef', passwordHashing: testPasswordHashing };
  const marketing = await enrolledStaff(staffDeps, 'marketing', null, '+994700000401', { ip: null, userAgent: null });
  const deps = { db: t.db, now: t.clock.now };
  await createPromotion(deps, marketing.actor, {
    code: 'NEWONLY', kind: 'code', discountType: 'percent', percent: '20', validFrom: '2026-11-01', validUntil: '2026-12-15',
    audience: 'new', names: texts('Yeni'), descriptions: texts('Twenty'),
  });
  await changePromotionState(deps, marketing.actor, 'NEWONLY', 'publish');
  await createAnnouncement(deps, marketing.actor, { texts: texts('Bayram'), startsOn: '2026-11-26', endsOn: '2026-11-27' });
});
after(async () => t.close());

test('the promotions page speaks Chinese and Turkish: names, codes, conditions and the last day', async () => {
  const zh = await t.anonymousApp.inject({ method: 'GET', url: '/promotions?lang=zh' });
  assert.equal(zh.statusCode, 200);
  assert.match(zh.body, /<html lang="zh"/);
  assert.match(zh.body, /Yeni-zh/);
  assert.match(zh.body, /<code>NEWONLY<\/code>/);
  assert.match(zh.body, /仅限新客户/);
  assert.match(zh.body, /WELCOME10/, 'the demo catalogue’s running code is listed too');
  assert.match(zh.body, /Bayram-zh/, 'today’s announcement');
  const tr = await t.anonymousApp.inject({ method: 'GET', url: '/promotions?lang=tr' });
  assert.match(tr.body, /Kampanyalar/);
  assert.match(tr.body, /Yalnızca yeni müşteriler/);
  assert.match(tr.body, /15\.12\.2026|15 Aralık 2026/);
  assert.doesNotMatch(tr.body, /promos\.|\{\w+\}/, 'no message key or placeholder left');
});

test('the dashboard lists what this account can use, and the announcement', async () => {
  const dash = await t.anonymousApp.inject({ method: 'GET', url: '/dashboard?lang=en', headers: t.customer });
  assert.equal(dash.statusCode, 200);
  assert.match(dash.body, /Promotions for you/);
  assert.match(dash.body, /<code>NEWONLY<\/code>/, 'no renewal yet: a new customer');
  assert.match(dash.body, /Bayram-en/);
  const home = await t.anonymousApp.inject({ method: 'GET', url: '/?lang=az' });
  assert.match(home.body, /Bayram-az/);
  t.clock.set('2026-11-28T10:00:00+04:00');
  const later = await t.anonymousApp.inject({ method: 'GET', url: '/?lang=az' });
  assert.doesNotMatch(later.body, /Bayram-az/, 'past its last day');
});
