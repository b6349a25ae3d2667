// The signed-in account's settings: which reminders it gets by SMS, and an optional email address
// (stored for a second channel; nothing is sent by email yet). One-time codes and payment
// confirmations are always sent and are not settings.
import type { FastifyInstance } from 'fastify';
import type { SettingsChange } from '../../../services/customer-settings.ts';
import { getCustomerSettings, updateCustomerSettings } from '../../../services/customer-settings.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';

const remindersSchema = {
  type: 'object',
  required: ['before30Days', 'before7Days', 'before1Day', 'stageNotices'],
  additionalProperties: false,
  properties: {
    before30Days: { type: 'boolean', description: 'SMS 30 days before validity ends' },
    before7Days: { type: 'boolean', description: 'SMS 7 days before validity ends' },
    before1Day: { type: 'boolean', description: 'SMS the day before (and on the last day)' },
    stageNotices: { type: 'boolean', description: 'SMS when the line becomes one-way, is suspended, or enters quarantine' },
  },
} as const;

const settingsSchema = {
  type: 'object',
  required: ['reminders', 'email'],
  additionalProperties: false,
  properties: {
    reminders: remindersSchema,
    email: { type: ['string', 'null'], maxLength: 254, description: 'optional; stored for a future second channel' },
  },
} as const;

export async function settingsRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireCustomer(deps));
  const tags = ['settings'];

  app.get('/api/v1/settings', {
    schema: { tags, summary: 'This account\'s reminder choices and email address', response: { 200: settingsSchema } },
  }, async (request) => getCustomerSettings(deps, customerOf(request).id));

  app.put<{ Body: SettingsChange }>('/api/v1/settings', {
    schema: { tags, summary: 'Replace this account\'s settings (every field; unknown fields refused)', body: settingsSchema, response: { 200: settingsSchema } },
  }, async (request) => updateCustomerSettings(deps, customerOf(request).id, request.body));
}
