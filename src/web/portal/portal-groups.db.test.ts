// Family groups in the portal, in Turkish: start a group on the family plan, invite two numbers,
// the codes passed on to the payer, renew both in one order with the multi-line discount (paid
// once, both extended), see the shared data, take a member out after a question.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { provisionLines } from '../../services/provision-lines.ts';
import { iccidFor, msisdnFor, policy } from '../../../test/helpers/factories.ts';
import { buildPaymentsTestApp, countRows, deliver, payOnPage, webhookFor, type PaymentsTestApp } from '../../../test/helpers/payments-app.ts';
import { assertLedgerBalances } from '../../../test/helpers/test-app.ts';
import { escapeHtml } from '../kit/html.ts';
import { translator, type MessageKey } from './i18n.ts';

let t: PaymentsTestApp;
const [M1, M2] = [msisdnFor(41), msisdnFor(42)];
before(async () => {
  t = await buildPaymentsTestApp({ lines: 1 });
  await provisionLines({ db: t.db, policy, now: t.clock.now }, [
    { row: 1, msisdn: M1, iccid: iccidFor(41), balance: 300, validUntil: '2026-12-20', language: 'tr' },
    { row: 2, msisdn: M2, iccid: iccidFor(42), balance: 300, validUntil: '2027-01-10', language: 'az' },
  ]);
});
after(async () => { await t.close(); });

const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...t.customer, accept: 'text/html' } });
const form = (url: string, fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
const tr = (key: MessageKey, values?: Readonly<Record<string, string | number>>): string => escapeHtml(translator('tr')(key, values));
const enc = encodeURIComponent;
const codeField = (msisdn: string) => `code-${msisdn.replace(/\D/g, '')}`;

async function latestCode(msisdn: string): Promise<string> {
  const [row] = await t.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [msisdn]);
  const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
  assert.ok(code, `a code went to ${msisdn}`);
  return code;
}
const validUntil = async (msisdn: string) => (await t.db.query<{ valid_until: string }>("select to_char(valid_until, 'YYYY-MM-DD') as valid_until from lines where msisdn = $1", [msisdn]))[0]?.valid_until;

let groupPath = '';

test('the dashboard leads to the groups; a group is started on the family plan', async () => {
  const dashboard = await page('/dashboard?lang=tr');
  assert.ok(dashboard.body.includes('href="/groups"'));
  const list = await page('/groups?lang=tr');
  assert.equal(list.statusCode, 200);
  assert.ok(list.body.includes(tr('groups.none')));
  assert.ok(list.body.includes('Aile Paketi'), 'the family plan by its Turkish name, never its code');
  assert.ok(!list.body.includes('value="SAXLA_NOMRE"'), 'only family plans are offered');
  const created = await form('/groups?lang=tr', { planCode: 'AILE_4', name: 'Bizim aile' });
  assert.equal(created.statusCode, 303, created.body);
  groupPath = String(created.headers.location);
  const group = await page(`${groupPath}?lang=tr`);
  assert.equal(group.statusCode, 200);
  assert.ok(group.body.includes('<h1>Bizim aile</h1>'));
  assert.ok(group.body.includes(tr('group.noMembers')));
  assert.ok(group.body.includes(tr('group.renewNobody')));
});

test('inviting two numbers; the codes are passed on to the payer, who types them', async () => {
  for (const m of [M1, M2]) {
    const invited = await form(`${groupPath}/invite?lang=tr`, { msisdn: m });
    assert.equal(invited.statusCode, 303, invited.body);
  }
  const bad = await form(`${groupPath}/invite?lang=tr`, { msisdn: '123' });
  assert.equal(bad.statusCode, 422);
  assert.ok(bad.body.includes(tr('error.phone')));
  const withInvites = await page(`${groupPath}?lang=tr&invited=${enc(M2)}`);
  assert.ok(withInvites.body.includes(tr('group.invited', { msisdn: '+994 50 000 00 42' })));
  assert.equal((withInvites.body.match(new RegExp(escapeHtml(translator('tr')('group.status.invited')), 'g')) ?? []).length, 2);

  const wrong = await form(`${groupPath}/members/${enc(M1)}/consent?lang=tr`, { [codeField(M1)]: (await latestCode(M1)) === '000000' ? '111111' : '000000' });
  assert.equal(wrong.statusCode, 422);
  assert.ok(wrong.body.includes(tr('error.code')));
  for (const m of [M1, M2]) {
    const joined = await form(`${groupPath}/members/${enc(m)}/consent?lang=tr`, { [codeField(m)]: await latestCode(m) });
    assert.equal(joined.statusCode, 303, joined.body);
  }
  const group = await page(`${groupPath}?lang=tr&joined=${enc(M2)}`);
  assert.ok(group.body.includes(tr('group.joined', { msisdn: '+994 50 000 00 42' })));
  assert.ok(group.body.includes('20.12.2026') || group.body.includes('20 Ara'), 'each member\'s validity is shown');
  assert.ok(group.body.includes(tr('group.renewAll')));
});

test('renewing both members in one order: one quote with the multi-line discount, one payment, both extended', async () => {
  const before = [await validUntil(M1), await validUntil(M2)];
  const quote = await form(`${groupPath}/renew?lang=tr`, { months: '1' });
  assert.equal(quote.statusCode, 200, quote.body);
  assert.ok(quote.body.includes(`${tr('quote.discount')}: Çoklu hat indirimi`), 'the multi-line discount, named in Turkish');
  assert.ok(quote.body.includes(tr('group.back')));
  const quoteId = /name="quoteId" value="([^"]+)"/.exec(quote.body)?.[1] ?? '';
  const order = await form('/orders', { quoteId, msisdn: M1, planCode: 'AILE_4', months: '1' });
  assert.equal(order.statusCode, 303, order.body);
  const sessionId = /\/pay\/sandbox\/([^/?]+)$/.exec(String(order.headers.location))?.[1] ?? '';
  await payOnPage(t, sessionId);
  assert.equal((await deliver(t, await webhookFor(t, sessionId))).statusCode, 200);
  assert.deepEqual([await validUntil(M1), await validUntil(M2)], ['2027-01-20', '2027-02-10']);
  assert.notDeepEqual(before, [await validUntil(M1), await validUntil(M2)]);
  assert.equal(await countRows(t.db, 'payments'), 1, 'one payment for both numbers');
  await assertLedgerBalances(t.db);
});

test('taking a member out: a question first, then the member is gone and told by SMS', async () => {
  const question = await page(`${groupPath}/members/${enc(M2)}/remove?lang=tr`);
  assert.equal(question.statusCode, 200);
  assert.ok(question.body.includes(tr('group.removeIntro')));
  assert.equal(await countRows(t.db, 'group_events', "event = 'removed'"), 0, 'a GET changes nothing');
  const removed = await form(`${groupPath}/members/${enc(M2)}/remove`, { confirm: '1' });
  assert.equal(removed.statusCode, 303);
  const after = await page(`${String(removed.headers.location)}&lang=tr`);
  assert.ok(after.body.includes(tr('group.removed', { msisdn: '+994 50 000 00 42' })));
  assert.equal(await countRows(t.db, 'sms_outbox', "msisdn = $1 and kind = 'group_notice' and language = 'az'", [M2]), 1);
  const stranger = await t.anonymousApp.inject({ method: 'GET', url: `${groupPath}?lang=tr`, headers: { accept: 'text/html' } });
  assert.equal(stranger.statusCode, 303, 'signed out: to the login page');
});
