// A number's SIM cards in the portal, in Chinese: listed by the last 4 digits, a SIM added with the
// code sent to the number, a wrong serial refused in words, an extra SIM removed after a question.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { customerHeaders, provisionTestLine, registerCustomer } from '../../../test/helpers/customers.ts';
import { iccidFor, msisdnFor } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { upsertPlans } from '../../db/plan-repository.ts';
import { demoPlans } from '../../demo/catalog.ts';
import { escapeHtml } from '../kit/html.ts';
import { translator, type MessageKey } from './i18n.ts';

let t: TestApp;
let token = '';
const LINE = msisdnFor(91);
const NEW_SIM = iccidFor(9101);
const path = `/lines/${encodeURIComponent(LINE)}/sims`;

before(async () => {
  t = await buildTestApp();
  await t.db.tx((sql) => upsertPlans(sql, demoPlans));
  await provisionTestLine(t, LINE, 91, { planCode: 'MULTI_SIM' });
  token = await registerCustomer(t, LINE);
});
after(async () => { await t.close(); });

const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...customerHeaders(token), accept: 'text/html' } });
const form = (url: string, fields: Record<string, string>) => t.app.inject({
  method: 'POST', url, headers: { ...customerHeaders(token), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(),
});
const zh = (key: MessageKey, values?: Readonly<Record<string, string | number>>): string => escapeHtml(translator('zh')(key, values));

test('the dashboard links each number to its SIM cards; the main SIM by its last 4 digits', async () => {
  assert.ok((await page('/dashboard?lang=zh')).body.includes(`href="${path}"`));
  const list = await page(`${path}?lang=zh`);
  assert.equal(list.statusCode, 200);
  assert.ok(list.body.includes(zh('sims.ending', { last4: iccidFor(91).slice(-4) })));
  assert.ok(!list.body.includes(iccidFor(91)), 'never the whole serial');
});

test('adding a SIM with the code sent to the number; a wrong serial is refused in words', async () => {
  const bad = await form(`${path}?lang=zh`, { iccid: '1234' });
  assert.equal(bad.statusCode, 422);
  assert.ok(bad.body.includes(zh('error.iccid')));
  const asked = await form(`${path}?lang=zh`, { iccid: NEW_SIM });
  assert.equal(asked.statusCode, 200, asked.body);
  assert.ok(asked.body.includes(zh('sims.codeTitle', { msisdn: '+994 50 000 00 91' })));
  const [row] = await t.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [LINE]);
  const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1] ?? '';
  const added = await form(`${path}/verify?lang=zh`, { code });
  assert.equal(added.statusCode, 303, added.body);
  const list = await page(`${String(added.headers.location)}&lang=zh`);
  assert.ok(list.body.includes(zh('sims.added')));
  assert.ok(list.body.includes(zh('sims.ending', { last4: NEW_SIM.slice(-4) })));
});

test('removing the extra SIM after a question', async () => {
  const list = await page(`${path}?lang=zh`);
  const removeHref = /href="([^"]+\/remove)"/.exec(list.body)?.[1] ?? '';
  const question = await page(`${removeHref}?lang=zh`);
  assert.equal(question.statusCode, 200);
  assert.ok(question.body.includes(zh('sims.removeIntro')));
  assert.equal((await t.db.query('select 1 from line_sims where removed_at is not null')).length, 0, 'a GET changes nothing');
  const removed = await form(removeHref, { confirm: '1' });
  assert.equal(removed.statusCode, 303);
  const after = await page(`${String(removed.headers.location)}&lang=zh`);
  assert.ok(after.body.includes(zh('sims.removed')));
  assert.ok(!after.body.includes(zh('sims.ending', { last4: NEW_SIM.slice(-4) })));
});
