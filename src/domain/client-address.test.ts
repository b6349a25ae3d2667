import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientNetwork } from './client-address.ts';

describe('clientNetwork', () => {
  test('an IPv4 address is its own client', () => {
    assert.equal(clientNetwork('203.0.113.7'), '203.0.113.7');
  });

  test('an IPv4-mapped IPv6 address is the IPv4 client, in either notation', () => {
    assert.equal(clientNetwork('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientNetwork('::FFFF:cb00:7107'), '203.0.113.7');
    assert.equal(clientNetwork('0:0:0:0:0:ffff:203.0.113.7'), '203.0.113.7');
  });

  test('IPv6 addresses in one /64 are one client, however written', () => {
    const one = clientNetwork('2001:db8:1:2::1');
    assert.equal(one, '2001:db8:1:2::/64');
    assert.equal(clientNetwork('2001:0DB8:0001:0002:ffff:ffff:ffff:fffe'), one);
    assert.equal(clientNetwork('2001:db8:1:2:a:b:c:d%eth0'), one);
    assert.notEqual(clientNetwork('2001:db8:1:3::1'), one, 'the next /64 is another client');
  });

  test('short forms expand to the right prefix', () => {
    assert.equal(clientNetwork('::1'), '0:0:0:0::/64');
    assert.equal(clientNetwork('2001:db8::'), '2001:db8:0:0::/64');
    assert.equal(clientNetwork('fe80::1:2:3:4'), 'fe80:0:0:0::/64');
  });

  test('what is not an IP address is left as it is', () => {
    for (const text of ['unknown', '', '1.2.3.256', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1']) {
      assert.equal(clientNetwork(text), text, text);
    }
  });
});
