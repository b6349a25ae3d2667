// A family group in the browser, in Turkish (and axe on every group page in every language): start
// a group on the family plan, invite two numbers, the codes passed on to the payer who types them,
// renew everyone in one order with the multi-line discount and the sandbox card until activated,
// the shared data shown, a member taken out after a question.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { locales } from '../../src/domain/money.ts';
import { latestCode, launchBrowser, registerThroughPages, screenshots, seriousViolations, startPortalServer, type Browser, type PortalServer } from './portal-harness.ts';

// The demo's family-plan holder pays; a foreign student's line and a one-way line join.
const PAYER = '+994550000106';
const MEMBERS = ['+994500000101', '+994500000103'] as const;

let server: PortalServer;
let browser: Browser;
let page: Page;
let groupUrl = '';

async function clean(name: string): Promise<void> {
  assert.equal(await page.getAttribute('html', 'lang'), 'tr', `${name}: <html lang>`);
  assert.deepEqual(await seriousViolations(page), [], `axe on ${name}`);
  const unlabelled: unknown = await page.evaluate(`[...document.querySelectorAll('input:not([type=hidden]), select')]
    .filter((el) => el.offsetParent !== null && (!el.labels || el.labels.length === 0)).map((el) => el.id || el.name)`);
  assert.deepEqual(unlabelled, [], `visible labels on ${name}`);
  await screenshots(page, `groups-${name}-tr`);
}

const validUntil = async (msisdn: string): Promise<string | undefined> =>
  (await server.db.query<{ d: string }>("select to_char(valid_until, 'YYYY-MM-DD') as d from lines where msisdn = $1", [msisdn]))[0]?.d;

describe('a family group in the browser', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await registerThroughPages(page, server, PAYER, '055 000 01 06');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('start a group on the family plan', async () => {
    await page.goto(`${server.url}/groups?lang=tr`);
    await clean('list');
    await page.locator('#name').fill('Bizim aile');
    await page.locator('form[action="/groups"] button[type=submit]').click();
    await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
    groupUrl = page.url();
    await clean('new');
    assert.equal(await page.locator('h1').innerText(), 'Bizim aile');
  });

  test('invite two numbers; each code is passed on to the payer, who types it', async () => {
    for (const [i, msisdn] of MEMBERS.entries()) {
      await page.locator('#msisdn').fill(msisdn === MEMBERS[0] ? '050 000 01 01' : '050 000 01 03');
      await page.locator('form[action$="/invite"] button[type=submit]').click();
      await page.waitForURL(/\?invited=/);
      if (i === 0) await clean('invited');
    }
    for (const msisdn of MEMBERS) {
      const id = `code-${msisdn.replace(/\D/g, '')}`;
      await page.locator(`#${id}`).fill(await latestCode(server.db, msisdn));
      await page.locator(`form[action$="/members/${encodeURIComponent(msisdn)}/consent"] button[type=submit]`).click();
      await page.waitForURL(/\?joined=/);
    }
    await clean('joined');
    assert.equal(await page.locator('.members article.member').count(), 2);
  });

  test('renew everyone in one order: the quote shows the multi-line discount; paid once, both extended', async () => {
    const before = await Promise.all(MEMBERS.map(validUntil));
    await page.locator('#gmonths-1').check();
    await page.locator('form[action$="/renew"] button[type=submit]').click();
    await clean('quote');
    assert.match(await page.locator('table.quote').innerText(), /Çoklu hat indirimi/);
    assert.equal(await page.locator('.new-end').count(), 2, 'each member\'s new end date before paying');
    await page.locator('form[action="/orders"] button[type=submit]').click();
    await page.waitForURL(/\/pay\/sandbox\//);
    const orderId = ((await page.locator('dd').first().textContent()) ?? '').trim();
    await page.locator('#cardNumber').fill('4242 4242 4242 4242');
    await page.locator('button[type=submit]').click();
    await page.goto(`${server.url}/orders/${orderId}?lang=tr`);
    await page.locator('[data-status="activated"]').waitFor({ timeout: 20_000 });
    const after = await Promise.all(MEMBERS.map(validUntil));
    for (const [i, end] of after.entries()) assert.ok((end ?? '') > (before[i] ?? ''), `${MEMBERS[i]} extended`);
  });

  test('the shared data and who used it; a member taken out after a question', async () => {
    const usage = await server.app.inject({
      method: 'POST', url: '/api/v1/admin/usage', headers: { authorization: 'Bearer e2e-admin-token-0123456789' },
      payload: [{ sourceId: 'e2e-pool-1', msisdn: MEMBERS[0], kind: 'data', quantity: 2_500_000, unit: 'kilobyte', occurredAt: new Date().toISOString() }],
    });
    assert.equal(usage.statusCode, 200, usage.body);
    await page.goto(`${groupUrl}?lang=tr`);
    await clean('pool');
    assert.match(await page.locator('section.packs').innerText(), /\+994 50 000 01 01/);
    await page.locator(`a[href$="/members/${encodeURIComponent(MEMBERS[1])}/remove"]`).click();
    await clean('remove');
    await page.locator('form[action$="/remove"] button[type=submit]').click();
    await page.waitForURL(/\?removed=/);
    assert.match(await page.locator('.members').innerText(), /Ayrıldı/);
  });

  test('a number\'s SIM cards: the main SIM by its last digits; more need a Multi-SIM plan', async () => {
    await page.goto(`${server.url}/lines/${encodeURIComponent(PAYER)}/sims?lang=tr`);
    await clean('sims');
    assert.match(await page.locator('article.sim').innerText(), /1066 ile biten/);
    await page.locator('#iccid').fill('8999 4000 0000 0001 074');
    await page.locator('form[action$="/sims"] button[type=submit]').click();
    await clean('sims-refused');
    assert.match(await page.locator('.alert').first().innerText(), /Multi-SIM/);
  });

  test('the group pages are axe clean in every language', async () => {
    for (const lang of locales) {
      for (const path of ['/groups', `/lines/${encodeURIComponent(PAYER)}/sims`, new URL(groupUrl).pathname, `${new URL(groupUrl).pathname}/members/${encodeURIComponent(MEMBERS[0])}/remove`]) {
        const response = await page.goto(`${server.url}${path}?lang=${lang}`);
        assert.ok(response && response.status() < 500, `${path} (${lang})`);
        assert.deepEqual(await seriousViolations(page), [], `axe on ${path} (${lang})`);
      }
    }
  });
});
