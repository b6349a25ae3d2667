// The promotions back office and what customers see of it: only marketing staff or an admin change
// promotions; a promotion is published only with every language; a paused one is neither listed
// nor priced; every change leaves its audit row; announcements show on their days.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { locales } from '../../src/domain/money.ts';
import type { PromotionForm } from '../../src/domain/promotion-drafts.ts';
import { createAnnouncement, endAnnouncementEarly } from '../../src/services/manage-announcements.ts';
import { changePromotionState, createPromotion, editPromotion, listPromotionsForStaff, type MarketingDeps } from '../../src/services/manage-promotions.ts';
import type { StaffDeps } from '../../src/services/staff-auth.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, type EnrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

const origin = { ip: '10.0.0.7', userAgent: 'test' };
let t: PaymentsTestApp;
let deps: MarketingDeps;
let marketing: EnrolledStaff;
let admin: EnrolledStaff;
let manager: EnrolledStaff;
let agent: EnrolledStaff;

const texts = (prefix: string) => Object.fromEntries(locales.map((l) => [l, `${prefix} ${l}`]));
const form = (code: string, over: Partial<PromotionForm> = {}): PromotionForm => ({
  code, kind: 'code', discountType: 'percent', percent: '15', validFrom: '2026-11-20', validUntil: '2026-12-31',
  perCustomerCap: '1', perLineCap: '1', combinable: true, names: texts(`Winter ${code}`), descriptions: texts(`15 off ${code}`), ...over,
});

before(async () => {
  t = await buildPaymentsTestApp({ lines: 2 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const staffDeps: StaffDeps = { db: t.db, now: t.clock.now, secret: 'test-secret-for-hmacs-0123456789abcdef', passwordHashing: testPasswordHashing };
  deps = { db: t.db, now: t.clock.now };
  marketing = await enrolledStaff(staffDeps, 'marketing', 'baku-28-may', '+994700000301', origin);
  admin = await enrolledStaff(staffDeps, 'admin', null, '+994700000302', origin);
  manager = await enrolledStaff(staffDeps, 'manager', 'baku-28-may', '+994700000303', origin);
  agent = await enrolledStaff(staffDeps, 'agent', 'baku-28-may', '+994700000304', origin);
});
after(async () => t.close());

async function offered(lang = 'en', path = '/api/v1/promotions'): Promise<{ code?: string; name: string; validUntil: string | null; conditions: string[] }[]> {
  const res = await t.anonymousApp.inject({ method: 'GET', url: `${path}?lang=${lang}`, ...(path.endsWith('mine') ? { headers: t.customer } : {}) });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: { code?: string; name: string; validUntil: string | null; conditions: string[] }[] }).items;
}

describe('who may change promotions', () => {
  test('a marketing account belongs to no store, whatever store was named', async () => {
    assert.equal(marketing.actor.staff.storeId, null);
  });

  test('store managers and agents are refused; marketing and admins may', async () => {
    for (const who of [manager, agent]) {
      await assert.rejects(createPromotion(deps, who.actor, form('NOPE')), { code: 'FORBIDDEN' });
      await assert.rejects(listPromotionsForStaff(deps, who.actor), { code: 'FORBIDDEN' });
    }
    assert.equal(await createPromotion(deps, admin.actor, form('ADMIN1')), 'ADMIN1');
    assert.equal(await createPromotion(deps, marketing.actor, form('mkt1')), 'MKT1');
    assert.equal(await countRows(t.db, 'promotions', "code = 'NOPE'"), 0);
  });

  test('marketing cannot manage the team or do counter work', async () => {
    const team = await t.anonymousApp.inject({ method: 'GET', url: '/staff/team', cookies: { saxla_staff: marketing.token } });
    assert.equal(team.statusCode, 403);
  });
});

describe('publishing, pausing, ending', () => {
  test('a draft is not offered; publishing needs every language; then it is offered and priced', async () => {
    await createPromotion(deps, marketing.actor, form('WINTER15', { names: { en: 'Winter', az: 'Qış' }, descriptions: {} }));
    assert.ok(!(await offered()).some((o) => o.code === 'WINTER15'), 'a draft is not offered');
    await assert.rejects(changePromotionState(deps, marketing.actor, 'WINTER15', 'publish'), (error: { code: string; details: { path: string }[] }) => {
      assert.equal(error.code, 'PROMOTION_INVALID');
      assert.ok(error.details.some((d) => d.path === '/names/zh'));
      assert.ok(error.details.some((d) => d.path === '/descriptions/tr'));
      return true;
    });
    assert.equal(await countRows(t.db, 'promotions', "code = 'WINTER15' and state = 'draft' and not active"), 1);
    await editPromotion(deps, marketing.actor, 'winter15', form('IGNORED'));
    assert.equal(await changePromotionState(deps, marketing.actor, 'WINTER15', 'publish'), 'published');
    const item = (await offered('zh')).find((o) => o.code === 'WINTER15');
    assert.ok(item, 'offered once published');
    assert.equal(item.name, 'Winter IGNORED zh', 'the edit wrote the names; the code stayed');
    assert.equal(item.validUntil, '2026-12-31');
    const quote = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 3, promoCode: 'winter15' } });
    assert.equal(quote.statusCode, 201, quote.body);
  });

  test('a paused promotion is neither offered nor priced; resumed, it is again', async () => {
    await changePromotionState(deps, marketing.actor, 'WINTER15', 'pause');
    assert.ok(!(await offered()).some((o) => o.code === 'WINTER15'));
    const quote = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 3, promoCode: 'WINTER15' } });
    assert.equal(quote.statusCode, 422, quote.body);
    assert.equal(quote.json().code, 'PROMO_NOT_FOUND');
    await assert.rejects(changePromotionState(deps, marketing.actor, 'WINTER15', 'pause'), { code: 'PROMOTION_STATE_CONFLICT' });
    await changePromotionState(deps, admin.actor, 'WINTER15', 'publish');
    assert.ok((await offered()).some((o) => o.code === 'WINTER15'));
  });

  test('an ended promotion stays ended, and its code is never reused', async () => {
    await changePromotionState(deps, marketing.actor, 'WINTER15', 'end');
    assert.ok(!(await offered()).some((o) => o.code === 'WINTER15'));
    await assert.rejects(changePromotionState(deps, marketing.actor, 'WINTER15', 'publish'), { code: 'PROMOTION_STATE_CONFLICT' });
    await assert.rejects(createPromotion(deps, marketing.actor, form('WINTER15')), { code: 'PROMOTION_EXISTS' });
  });

  test('a scheduled promotion is listed for staff as scheduled and not offered before its first day', async () => {
    await createPromotion(deps, marketing.actor, form('LATER', { validFrom: '2026-12-10' }));
    await changePromotionState(deps, marketing.actor, 'LATER', 'publish');
    const mine = (await listPromotionsForStaff(deps, marketing.actor)).find((p) => p.code === 'LATER');
    assert.equal(mine?.shownState, 'scheduled');
    assert.ok(!(await offered()).some((o) => o.code === 'LATER'));
  });

  test('every change is in the staff audit log with who made it', async () => {
    const rows = await t.db.query<{ action: string; n: number }>(
      `select action, count(*)::int as n from staff_audit_log where detail ->> 'code' = 'WINTER15' group by action order by action`);
    assert.deepEqual(rows.map((r) => [r.action, Number(r.n)]), [
      ['promotion.create', 1], ['promotion.end', 1], ['promotion.pause', 1], ['promotion.publish', 2], ['promotion.update', 1],
    ]);
    assert.equal(await countRows(t.db, 'staff_audit_log', "detail ->> 'code' = 'WINTER15' and staff_id is null"), 0);
  });
});

describe('what customers are offered', () => {
  test('a signed-in customer who renewed no line is offered new-customer codes; conditions come in their language', async () => {
    await createPromotion(deps, marketing.actor, form('NEWBIE', { audience: 'new', channel: 'counter' }));
    await changePromotionState(deps, marketing.actor, 'NEWBIE', 'publish');
    const mine = await offered('tr', '/api/v1/promotions/mine');
    const item = mine.find((o) => o.code === 'NEWBIE');
    assert.ok(item);
    assert.ok(item.conditions.includes('Yalnızca Saxla mağazasında'), item.conditions.join(' | '));
    const anonymous = await t.anonymousApp.inject({ method: 'GET', url: '/api/v1/promotions/mine' });
    assert.equal(anonymous.statusCode, 401);
  });

  test('a code for customers who renewed before is refused to a new one, with its own problem code, and not offered to them', async () => {
    await createPromotion(deps, marketing.actor, form('LOYAL', { audience: 'existing' }));
    await changePromotionState(deps, marketing.actor, 'LOYAL', 'publish');
    const quote = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(2), planCode: 'SAXLA_NOMRE', months: 3, promoCode: 'LOYAL' } });
    assert.equal(quote.statusCode, 422, quote.body);
    assert.equal(quote.json().code, 'PROMO_EXISTING_CUSTOMERS_ONLY');
    assert.ok(!(await offered('en', '/api/v1/promotions/mine')).some((o) => o.code === 'LOYAL'));
    const pub = (await offered('az')).find((o) => o.code === 'LOYAL');
    assert.ok(pub?.conditions.includes('Yalnız artıq yeniləmə almış müştərilər üçün'));
  });

  test('standing offers (several months, several numbers) are listed without an end day', async () => {
    const items = await offered('ru');
    assert.ok(items.some((o) => o.code === undefined && o.validUntil === null && o.conditions.length > 0));
    const bad = await t.anonymousApp.inject({ method: 'GET', url: '/api/v1/promotions?lang=xx' });
    assert.equal(bad.statusCode, 400);
  });
});

describe('announcements', () => {
  test('shown from the first to the last day, in every language; ended early they go; all audited', async () => {
    await assert.rejects(createAnnouncement(deps, agent.actor, { texts: texts('x'), startsOn: '2026-11-26', endsOn: '2026-11-30' }), { code: 'FORBIDDEN' });
    await assert.rejects(createAnnouncement(deps, marketing.actor, { texts: { en: 'Only English' }, startsOn: '2026-11-26', endsOn: '2026-11-30' }), { code: 'VALIDATION_FAILED' });
    const id = await createAnnouncement(deps, marketing.actor, { texts: texts('Stores close early on 31 December'), startsOn: '2026-11-26', endsOn: '2026-11-30' });
    await createAnnouncement(deps, marketing.actor, { texts: texts('Later'), startsOn: '2026-12-05', endsOn: '2026-12-06' });
    const shown = await t.anonymousApp.inject({ method: 'GET', url: '/api/v1/announcements?lang=zh' });
    assert.deepEqual((shown.json() as { items: { text: string }[] }).items.map((a) => a.text), ['Stores close early on 31 December zh']);
    await endAnnouncementEarly(deps, marketing.actor, id);
    const after = await t.anonymousApp.inject({ method: 'GET', url: '/api/v1/announcements?lang=zh' });
    assert.deepEqual((after.json() as { items: unknown[] }).items, []);
    assert.equal(await countRows(t.db, 'staff_audit_log', "action in ('announcement.create', 'announcement.end') and staff_id = $1", [marketing.actor.staff.id]), 3);
  });
});
