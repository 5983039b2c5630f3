import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddress, noTrustedProxies, parseTrustedProxies, plainAddress } from './client-address.ts';

const trusted = (spec: string) => {
  const { proxies, invalid } = parseTrustedProxies(spec);
  assert.deepEqual(invalid, []);
  return proxies;
};

describe('client address behind proxies', () => {
  it('without trusted proxies X-Forwarded-For is ignored: the peer is the client', () => {
    assert.equal(clientAddress('203.0.113.7', '198.51.100.1', noTrustedProxies), '203.0.113.7');
    assert.equal(clientAddress('127.0.0.1', '198.51.100.1', trusted('')), '127.0.0.1');
  });

  it('X-Forwarded-For from a peer that is not a trusted proxy is ignored', () => {
    assert.equal(clientAddress('203.0.113.7', '198.51.100.1', trusted('10.0.0.1')), '203.0.113.7');
  });

  it('behind a trusted proxy the address it forwarded is the client', () => {
    assert.equal(clientAddress('10.0.0.1', '198.51.100.1', trusted('10.0.0.1')), '198.51.100.1');
  });

  it('the right-most untrusted address is used: what the client wrote itself further left is not believed', () => {
    assert.equal(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.1', trusted('10.0.0.1')), '198.51.100.1');
    assert.equal(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.1, 10.0.5.9', trusted('10.0.0.0/16')), '198.51.100.1');
  });

  it('several headers read as one list, left to right', () => {
    assert.equal(clientAddress('10.0.0.1', '6.6.6.6,198.51.100.1', trusted('10.0.0.1')), '198.51.100.1');
  });

  it('a hop that is not an address stops the walk at the last trusted proxy', () => {
    assert.equal(clientAddress('10.0.0.1', '198.51.100.1, unknown', trusted('10.0.0.1')), '10.0.0.1');
  });

  it('when every hop is a trusted proxy, the left-most one is used', () => {
    assert.equal(clientAddress('10.0.0.1', '10.0.0.2', trusted('10.0.0.0/24')), '10.0.0.2');
  });

  it('IPv6 ranges, IPv4-mapped peers and ports are understood', () => {
    assert.equal(clientAddress('::ffff:127.0.0.1', '2001:db8::5', trusted('127.0.0.1')), '2001:db8::5');
    assert.equal(clientAddress('fd00::1', '[2001:db8::5]:4711', trusted('fd00::/8')), '2001:db8::5');
    assert.equal(clientAddress('10.0.0.1', '198.51.100.1:51234', trusted('10.0.0.1')), '198.51.100.1');
    assert.equal(plainAddress('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(plainAddress('not an address'), null);
  });

  it('entries that are no address or range are named, so configuration can refuse them', () => {
    assert.deepEqual(parseTrustedProxies('10.0.0.1, proxy.local, 10.0.0.0/33, 10.0.0.0/8/1, ::1/129, 2001:db8::/32').invalid, [
      'proxy.local',
      '10.0.0.0/33',
      '10.0.0.0/8/1',
      '::1/129',
    ]);
  });
});
