import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@/src/shared/app-error';

// Where a business may point a webhook: https on the public internet. Private, loopback,
// link-local and other reserved addresses are refused (SSRF: a URL must not reach our own
// network or a cloud metadata service), both when the URL is saved and again at every delivery,
// on the address the name resolves to then (a name that later points inside is caught). With
// allowLocalhost (local mode, or the dev flag) http://localhost and loopback addresses pass,
// for a workflow running on the developer's machine.

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

function plainAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export function isRefusedAddress(address: string, allowLocalhost: boolean): boolean {
  const plain = plainAddress(address);
  if (allowLocalhost && loopback.check(plain.address, plain.family)) return false;
  return blocked.check(plain.address, plain.family);
}

function isLocalName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

/** The URL as it will be called, or an AppError naming the field. Does not resolve names. */
export function checkWebhookUrl(raw: string, allowLocalhost: boolean): string {
  const refuse = (why: string) =>
    new AppError('bad_request', `Invalid fields: url (${why})`, {
      fields: ['url'],
      reason: 'automation_bad_url',
    });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse('not a URL');
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const local =
    isLocalName(hostname) ||
    (isIP(hostname) !== 0 && loopback.check(plainAddress(hostname).address, plainAddress(hostname).family));
  if (url.username || url.password) throw refuse('credentials in the URL');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowLocalhost && local)) {
    throw refuse('https only');
  }
  if (isLocalName(hostname) && !allowLocalhost) throw refuse('local address');
  if (isIP(hostname) !== 0 && isRefusedAddress(hostname, allowLocalhost)) throw refuse('private address');
  if (url.toString().length > 2000) throw refuse('too long');
  return url.toString();
}

export class RefusedAddressError extends Error {
  constructor(address: string) {
    super(`refused address ${address}: private or reserved network`);
    this.name = 'RefusedAddressError';
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A dns.lookup for http.request that refuses private addresses (checked after resolving). */
export function guardedLookup(allowLocalhost: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const refused = list.find((entry) => isRefusedAddress(entry.address, allowLocalhost));
      if (refused || list.length === 0) {
        return callback(new RefusedAddressError(refused?.address ?? hostname) as NodeJS.ErrnoException, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0]!;
      return callback(null, first.address, first.family);
    });
  };
}
