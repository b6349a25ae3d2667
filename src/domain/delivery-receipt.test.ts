import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDeliveryReceipt, parseDeliveryReceipt, parseSmscTime, receiptStats } from './delivery-receipt.ts';
import { isDomainError } from './errors.ts';

const invalidReceipt = (e: unknown): boolean => isDomainError(e) && e.code === 'DELIVERY_RECEIPT_INVALID';

describe('parseDeliveryReceipt', () => {
  it('reads the SMPP 3.4 appendix B format', () => {
    const receipt = parseDeliveryReceipt(
      'id:0A1B2C3D4E sub:001 dlvrd:001 submit date:2611201530 done date:2611201531 stat:DELIVRD err:000 text:Your line is active',
    );
    assert.deepEqual(receipt, {
      messageId: '0A1B2C3D4E', submitted: 1, delivered: 1,
      submitDate: '2026-11-20T15:30', doneDate: '2026-11-20T15:31',
      stat: 'DELIVRD', outcome: 'delivered', error: '000', text: 'Your line is active',
    });
  });

  it('accepts the variations SMSCs send: Text:, submit_date, seconds, lower-case stat, no text, extra spaces', () => {
    const a = parseDeliveryReceipt('id:77 sub:1 dlvrd:0  submit_date:261120153005 done_date:261121000000 stat:undeliv err:0B1 Text:Salam');
    assert.equal(a.submitDate, '2026-11-20T15:30:05');
    assert.equal(a.doneDate, '2026-11-21T00:00:00');
    assert.equal(a.stat, 'UNDELIV');
    assert.equal(a.outcome, 'failed');
    assert.equal(a.error, '0B1');
    assert.equal(a.text, 'Salam');
    const b = parseDeliveryReceipt('  id:77 sub:001 dlvrd:001 submit date:2611201530 done date:2611201530 stat:EXPIRED err:000');
    assert.equal(b.text, '');
    assert.equal(b.stat, 'EXPIRED');
  });

  it('keeps a text that itself looks like receipt fields', () => {
    const r = parseDeliveryReceipt('id:9 sub:001 dlvrd:000 submit date:2611201530 done date:2611201530 stat:REJECTD err:000 text:stat:DELIVRD id:1');
    assert.equal(r.stat, 'REJECTD');
    assert.equal(r.text, 'stat:DELIVRD id:1');
  });

  it('maps every stat to an outcome', () => {
    const outcomes = Object.fromEntries(receiptStats.map((stat) => [
      stat,
      parseDeliveryReceipt(`id:1 sub:001 dlvrd:000 submit date:2611201530 done date:2611201530 stat:${stat} err:000 text:`).outcome,
    ]));
    assert.deepEqual(outcomes, {
      DELIVRD: 'delivered', EXPIRED: 'failed', UNDELIV: 'failed', ACCEPTD: 'uncertain',
      UNKNOWN: 'uncertain', REJECTD: 'failed', DELETED: 'failed',
    });
  });

  it('refuses garbage with a clear error that does not echo the input', () => {
    const good = 'id:1 sub:001 dlvrd:001 submit date:2611201530 done date:2611201530 stat:DELIVRD err:000 text:code 123456';
    const cases: [string, RegExp][] = [
      ['', /expected "id:"/],
      ['Your code is 123456', /expected "id:"/],
      [good.replace('stat:DELIVRD', 'stat:ENROUTE'), /stat must be one of/],
      [good.replace('stat:DELIVRD ', ''), /expected "stat:"/],
      [good.replace('sub:001', 'sub:one'), /"sub:" has no valid value/],
      [good.replace('2611201530 done', '2613201530 done'), /submit date is not a real time/],
      [good.replace('2611201530 done', '26112015 done'), /"submit date:" has no valid value/],
      [good.replace(' text:', ' junk:'), /unexpected content/],
    ];
    for (const [input, message] of cases) {
      assert.throws(() => parseDeliveryReceipt(input), (e) => invalidReceipt(e) && e instanceof Error && message.test(e.message) && !e.message.includes('123456'), input);
    }
  });

  it('reads back whatever formatDeliveryReceipt writes', () => {
    const two = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
    const time = fc.tuple(two(0, 99), two(1, 12), two(1, 31), two(0, 23), two(0, 59)).map((p) => parseSmscTime(p.join('')));
    const receipt = fc.record({
      messageId: fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF-'.split('')), minLength: 1, maxLength: 64 }),
      submitted: fc.integer({ min: 0, max: 999 }),
      delivered: fc.integer({ min: 0, max: 999 }),
      submitDate: time,
      doneDate: time,
      stat: fc.constantFrom(...receiptStats),
      error: fc.stringMatching(/^[0-9A-F]{3}$/),
      text: fc.string({ maxLength: 20 }).map((t) => t.trimStart()),
    });
    fc.assert(fc.property(receipt, (r) => {
      const { outcome: _outcome, ...parsed } = parseDeliveryReceipt(formatDeliveryReceipt(r));
      assert.deepEqual(parsed, { ...r });
    }));
  });
});
