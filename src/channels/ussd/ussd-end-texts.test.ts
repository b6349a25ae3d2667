// Every END text the USSD channel can send fits one screen, in every language and in the
// az + en pair used when the caller's language is not known.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCodes } from '../../domain/errors.ts';
import { locales } from '../../domain/money.ts';
import { measureScreen } from '../../domain/ussd-screen.ts';
import { ussdEndText } from './ussd-end-texts.ts';

describe('USSD END texts', () => {
  test('every code fits one screen in every language, and with no known language in az + en', () => {
    for (const code of errorCodes) {
      for (const language of [...locales, null]) {
        const text = ussdEndText(code, language);
        const size = measureScreen(text);
        assert.ok(size.units <= size.limit && !text.endsWith('..'), `${code} ${String(language)}: ${text}`);
      }
    }
    assert.equal(ussdEndText('LINE_NOT_FOUND', null), 'Bu nömre Saxla ile xidmet olunmur.\nThis number is not served by Saxla.');
  });
});
