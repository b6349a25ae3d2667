import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_CUSTOMER_SETTINGS, parseEmailAddress, reminderChoiceDays, reminderChoiceNames, reminderChoices, reminderPreferencesFrom,
} from './customer-settings.ts';

test('email addresses: trimmed, domain lower-cased, typos refused', () => {
  assert.equal(parseEmailAddress('  Leyla.Aliyeva+saxla@Example.AZ '), 'Leyla.Aliyeva+saxla@example.az');
  assert.equal(parseEmailAddress(''), null);
  assert.equal(parseEmailAddress('   '), null);
  for (const bad of ['leyla', 'leyla@gmail', 'a b@c.az', '@example.com', 'a@@example.com', 'a..b@example.com', '.a@example.com', 'a.@example.com', 'a@-x.com', `${'a'.repeat(65)}@example.com`, `a@${'b'.repeat(250)}.com`, 'ə@example.com']) {
    assert.throws(() => parseEmailAddress(bad), { code: 'INVALID_EMAIL' }, bad);
  }
});

test('reminder choices are named after the policy\'s milestones and map both ways', () => {
  assert.deepEqual(reminderChoiceNames([30, 7, 1]), ['before30Days', 'before7Days', 'before1Day', 'stageNotices']);
  const preferences = { daysOff: [7], stageNotices: false };
  const choices = reminderChoices(preferences, [30, 7, 1]);
  assert.deepEqual(choices, { before30Days: true, before7Days: false, before1Day: true, stageNotices: false });
  assert.deepEqual(reminderPreferencesFrom(choices, [30, 7, 1]), preferences);
  assert.deepEqual(reminderChoices(preferences, [14, 3]), { before14Days: true, before3Days: true, stageNotices: false });
  assert.deepEqual(reminderPreferencesFrom({}, [30, 7, 1]), DEFAULT_CUSTOMER_SETTINGS.reminders, 'a missing flag is on');
  for (const days of [1, 3, 7, 14, 30, 90]) assert.equal(reminderChoiceDays(reminderChoiceNames([days])[0] ?? ''), days);
  for (const other of ['stageNotices', 'before0Days', 'before1Days', 'before07Days', 'beforeDays', 'email']) assert.equal(reminderChoiceDays(other), undefined, other);
});
