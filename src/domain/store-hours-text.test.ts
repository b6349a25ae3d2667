import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatHoursText, parseHoursText } from './store-hours-text.ts';

test('reads ranges, lists, lunch breaks and closed days; a day not named is closed', () => {
  assert.deepEqual(parseHoursText('mon-fri 09:00-13:00 14:00-18:00; sat 10:00-14:00'), {
    mon: [['09:00', '13:00'], ['14:00', '18:00']], tue: [['09:00', '13:00'], ['14:00', '18:00']], wed: [['09:00', '13:00'], ['14:00', '18:00']],
    thu: [['09:00', '13:00'], ['14:00', '18:00']], fri: [['09:00', '13:00'], ['14:00', '18:00']], sat: [['10:00', '14:00']],
  });
  assert.deepEqual(parseHoursText(' Mon,wed 10:00-12:00;  fri-sat 9:30-17:00;sun closed; '), {
    mon: [['10:00', '12:00']], wed: [['10:00', '12:00']], fri: [['09:30', '17:00']], sat: [['09:30', '17:00']], sun: [],
  });
});

test('refuses what a person would get wrong, saying what is wrong', () => {
  const refuses = (text: string, pattern: RegExp): void => assert.throws(() => parseHoursText(text), (e: Error) => pattern.test(e.message), text);
  refuses('', /no opening hours/);
  refuses('mon-fri', /no hours/);
  refuses('monday 09:00-18:00', /not a day/);
  refuses('fri-mon 09:00-18:00', /backwards/);
  refuses('mon-fri 09:00-18:00; fri 10:00-12:00', /fri is given twice/);
  refuses('mon 9-18', /not a period/);
  refuses('mon 18:00-09:00', /mon: periods open before they close/);
  refuses('mon 09:00-13:00 12:00-18:00', /do not overlap/);
  refuses('mon 09:00-25:00', /mon:/);
  refuses('mon-sun closed', /closed every day/);
});

test('the compact form reads back to the same hours', () => {
  for (const text of ['mon-fri 09:00-19:00; sat 10:00-16:00', 'mon-sat 10:00-22:00; sun 11:00-20:00', 'mon 09:00-13:00 14:00-18:00; wed-thu 10:00-12:00']) {
    assert.equal(formatHoursText(parseHoursText(text)), text);
  }
});
