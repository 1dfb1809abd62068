// The client's address, for limits and the audit log. Behind reverse proxies (GONGKAI_TRUST_PROXY,
// config.ts) it is read from X-Forwarded-For, right to left: each proxy appends the address it got the
// request from, so the entries a client typed itself are on the left and are never believed.
//   hops n      the n-th entry from the right (the socket being the first proxy's); fewer entries than
//               that: the leftmost
//   proxies     skip, from the socket leftwards, every address in the list; the first one not in it
//   none/unset  the socket's address; the header is ignored
// An entry that is not an IP address stops the walk: the address before it (a proxy's) is used.

import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { TrustProxy } from '../config.ts';
import type { AppEnv } from './context.ts';

/** 1.2.3.4 for ::ffff:1.2.3.4; the address otherwise. */
function plain(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
}

const lists = new WeakMap<string[], BlockList>();

function blockList(proxies: string[]): BlockList {
  let list = lists.get(proxies);
  if (!list) {
    list = new BlockList();
    for (const p of proxies) {
      const [address = '', prefix] = p.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(prefix), type);
    }
    lists.set(proxies, list);
  }
  return list;
}

function isProxy(address: string, proxies: string[]): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return blockList(proxies).check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The client among the socket's address and the X-Forwarded-For header, by `trust`. */
export function pickClient(socket: string, forwardedFor: string | undefined, trust: TrustProxy | undefined): string {
  const peer = plain(socket);
  if (!trust || trust.kind === 'none' || forwardedFor === undefined) return peer;
  const entries = forwardedFor
    .split(',')
    .map((s) => plain(s.trim()))
    .filter((s) => s !== '');
  // chain[0] is the socket, then the header right to left
  const chain = [peer, ...entries.reverse()];
  if (trust.kind === 'hops') {
    let client = peer;
    for (let i = 1; i <= Math.min(trust.hops, chain.length - 1); i++) {
      const next = chain[i] ?? '';
      if (isIP(next) === 0) break;
      client = next;
    }
    return client;
  }
  let client = peer;
  for (let i = 1; i < chain.length && isProxy(client, trust.proxies); i++) {
    const next = chain[i] ?? '';
    if (isIP(next) === 0) break;
    client = next;
  }
  return client;
}

/** The socket's address; 'local' when there is none (app.request in tests). */
function socketAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** The client's address of this request (at most 64 characters). */
export function clientAddress(c: Context<AppEnv>): string {
  return pickClient(socketAddress(c), c.req.header('x-forwarded-for'), c.get('deps').config.trustProxy).slice(0, 64);
}
