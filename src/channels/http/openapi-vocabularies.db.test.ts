// The OpenAPI document's enums are the vocabularies of src/domain/vocabularies.ts, and the
// settings' reminder flags are the policy's milestones: nothing in a schema restates a list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { reminderChoiceNames } from '../../domain/customer-settings.ts';
import { lineStatuses } from '../../domain/lifecycle.ts';
import { appointmentPurposes, customerLanguages, onlinePaymentProviders } from '../../domain/vocabularies.ts';
import { policy } from '../../../test/helpers/factories.ts';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../../../test/helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 1 }); });
after(async () => { await t.close(); });

/** Every `enum` in the document with the name of the property or parameter that holds it. */
function enumsByName(node: unknown, name = '', found: [string, unknown[]][] = []): [string, unknown[]][] {
  if (Array.isArray(node)) {
    for (const item of node) enumsByName(item, name, found);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    const own = typeof record.name === 'string' ? record.name : name;
    if (Array.isArray(record.enum)) found.push([own, record.enum]);
    for (const [key, value] of Object.entries(record)) enumsByName(value, key === 'schema' || key === 'enum' ? own : key, found);
  }
  return found;
}

test('languages, providers, purposes and line statuses in the OpenAPI document are the vocabularies', async () => {
  const doc: unknown = (await t.app.inject('/api/v1/openapi.json')).json();
  const expected: Readonly<Record<string, readonly string[]>> = {
    language: customerLanguages, lang: customerLanguages, provider: onlinePaymentProviders, purpose: appointmentPurposes, status: lineStatuses,
  };
  const seen = new Set<string>();
  for (const [name, values] of enumsByName(doc)) {
    const list = expected[name];
    if (list === undefined) continue;
    // A status enum elsewhere (orders, cases) is another vocabulary; only a line's status is checked.
    if (name === 'status' && !values.includes('one_way')) continue;
    assert.deepEqual(values, [...list], name);
    seen.add(name);
  }
  assert.deepEqual([...seen].sort(), Object.keys(expected).sort(), 'each vocabulary appears in the document');
});

test('the settings\' reminder flags are the policy\'s milestones', async () => {
  const doc = (await t.app.inject('/api/v1/openapi.json')).json() as {
    paths: Record<string, { put: { requestBody: { content: Record<string, { schema: { properties: { reminders: { properties: object; required: string[] } } } }> } } }>;
  };
  const body = doc.paths['/api/v1/settings']?.put.requestBody.content['application/json']?.schema.properties.reminders;
  assert.ok(body);
  assert.deepEqual(Object.keys(body.properties), reminderChoiceNames(policy.reminderDays));
  assert.deepEqual(body.required, reminderChoiceNames(policy.reminderDays));
});
