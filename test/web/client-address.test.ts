// GONGKAI_TRUST_PROXY (config.ts) and the client's address (web/client-address.ts): hops, proxy lists
// with CIDRs, spoofed headers; an invalid value stops the server from starting.

import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from '../../src/config.ts';
import type { TrustProxy } from '../../src/config.ts';
import { pickClient } from '../../src/web/client-address.ts';

const none: TrustProxy = { kind: 'none' };
const hops = (n: number): TrustProxy => ({ kind: 'hops', hops: n });
const proxies = (...list: string[]): TrustProxy => ({ kind: 'proxies', proxies: list });

describe('GONGKAI_TRUST_PROXY', () => {
  it('unset or empty: no proxy is trusted', () => {
    expect(parseTrustProxy(undefined)).toEqual({ ok: true, value: none });
    expect(parseTrustProxy('  ')).toEqual({ ok: true, value: none });
    const loaded = loadConfig({});
    expect(loaded.ok && loaded.config.trustProxy).toEqual(none);
  });

  it('a number of hops from 1 to 10, or addresses and CIDRs separated by commas', () => {
    expect(parseTrustProxy('1')).toEqual({ ok: true, value: hops(1) });
    expect(parseTrustProxy('10')).toEqual({ ok: true, value: hops(10) });
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8')).toEqual({ ok: true, value: proxies('127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8') });
  });

  it('anything else keeps the server from starting, saying what is wrong in Chinese', () => {
    for (const bad of ['0', '11', 'yes', 'true', '10.0.0.0/33', '10.0.0.1,', '300.1.1.1', 'fd00::/129', '10.0.0.0/8/1', 'localhost']) {
      const r = loadConfig({ GONGKAI_TRUST_PROXY: bad });
      expect(r.ok, bad).toBe(false);
      if (!r.ok) {
        expect(r.errors[0]).toMatch(/^环境变量 GONGKAI_TRUST_PROXY 无效：/);
        expect(r.errors[0]).toContain('1 至 10');
      }
    }
  });
});

describe('pickClient', () => {
  it('without trust: the socket, whatever the header says', () => {
    expect(pickClient('203.0.113.5', '1.2.3.4', undefined)).toBe('203.0.113.5');
    expect(pickClient('203.0.113.5', '1.2.3.4', none)).toBe('203.0.113.5');
    expect(pickClient('::ffff:203.0.113.5', undefined, none)).toBe('203.0.113.5');
  });

  it('hops: the n-th entry from the right; a client’s own entries on the left are never taken', () => {
    // client 198.51.100.9 typed "1.2.3.4" itself; one proxy (the socket) appended the client's address
    expect(pickClient('10.0.0.2', '1.2.3.4, 198.51.100.9', hops(1))).toBe('198.51.100.9');
    // two proxies: the outer one appended the client, the inner one the outer proxy
    expect(pickClient('10.0.0.2', '1.2.3.4, 198.51.100.9, 10.0.0.1', hops(2))).toBe('198.51.100.9');
    // fewer entries than hops: the leftmost there is
    expect(pickClient('10.0.0.2', '198.51.100.9', hops(3))).toBe('198.51.100.9');
    // no header: the socket
    expect(pickClient('10.0.0.2', undefined, hops(1))).toBe('10.0.0.2');
    // garbage where the client should be: not believed, the proxy's address is used
    expect(pickClient('10.0.0.2', '1.2.3.4, <script>', hops(1))).toBe('10.0.0.2');
    expect(pickClient('10.0.0.2', ' ::ffff:198.51.100.9 ', hops(1))).toBe('198.51.100.9');
  });

  it('proxies: every listed address and range is skipped from the right; the first other one is the client', () => {
    const trust = proxies('127.0.0.1', '10.0.0.0/8', 'fd00::/8');
    expect(pickClient('127.0.0.1', '1.2.3.4, 198.51.100.9, 10.1.2.3', trust)).toBe('198.51.100.9');
    expect(pickClient('fd00::5', '2001:db8::7', trust)).toBe('2001:db8::7');
    // a request straight from a client (not from a listed proxy): its header is ignored
    expect(pickClient('198.51.100.9', '1.2.3.4', trust)).toBe('198.51.100.9');
    // every entry is a proxy: the leftmost
    expect(pickClient('127.0.0.1', '10.0.0.7', trust)).toBe('10.0.0.7');
    // a spoofed entry that is not an address stops the walk at the last proxy
    expect(pickClient('127.0.0.1', 'evil', trust)).toBe('127.0.0.1');
  });
});
