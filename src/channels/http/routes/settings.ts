// The signed-in account's settings: which reminders it gets by SMS, and an optional email address
// (stored for a second channel; nothing is sent by email yet). One-time codes and payment
// confirmations are always sent and are not settings. The reminder flags are the validity
// policy's milestones (before30Days, before7Days, before1Day for 30/7/1), so the schema and the
// OpenAPI document follow the policy in force.
import type { FastifyInstance } from 'fastify';
import { reminderChoiceName, reminderChoices, reminderPreferencesFrom, type ReminderChoices, type CustomerSettings } from '../../../domain/customer-settings.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';

function reminderDescription(days: number): string {
  return days === 1 ? 'SMS the day before (and on the last day)' : `SMS ${days} days before validity ends`;
}

function settingsSchema(reminderDays: readonly number[]) {
  const flags = Object.fromEntries(reminderDays.map((days) => [reminderChoiceName(days), { type: 'boolean', description: reminderDescription(days) }]));
  const reminders = {
    type: 'object',
    required: [...reminderDays.map(reminderChoiceName), 'stageNotices'],
    additionalProperties: false,
    properties: {
      ...flags,
      stageNotices: { type: 'boolean', description: 'SMS when the line becomes one-way, is suspended, or enters quarantine' },
    },
  };
  return {
    type: 'object',
    required: ['reminders', 'email'],
    additionalProperties: false,
    properties: {
      reminders,
      email: { type: ['string', 'null'], maxLength: 254, description: 'optional; stored for a future second channel' },
    },
  };
}

interface SettingsBody {
  readonly reminders: ReminderChoices;
  readonly email: string | null;
}

export async function settingsRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireCustomer(deps));
  const tags = ['settings'];
  const { reminderDays } = deps.policy;
  const schema = settingsSchema(reminderDays);
  const asBody = (settings: CustomerSettings): SettingsBody => ({ reminders: reminderChoices(settings.reminders, reminderDays), email: settings.email });

  app.get('/api/v1/settings', {
    schema: { tags, summary: 'This account\'s reminder choices and email address', response: { 200: schema } },
  }, async (request) => asBody(await deps.useCases.getCustomerSettings(customerOf(request).id)));

  app.put<{ Body: SettingsBody }>('/api/v1/settings', {
    schema: { tags, summary: 'Replace this account\'s settings (every field; unknown fields refused)', body: schema, response: { 200: schema } },
  }, async (request) => asBody(await deps.useCases.updateCustomerSettings(customerOf(request).id, {
    reminders: reminderPreferencesFrom(request.body.reminders, reminderDays),
    email: request.body.email,
  })));
}
