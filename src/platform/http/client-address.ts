import { BlockList, isIP } from 'node:net';

/**
 * The client's address behind reverse proxies. `X-Forwarded-For` is written by whoever sent the
 * request, so it is believed only as far as it was written by proxies we trust (TRUST_PROXY): the
 * chain is read from the right (the peer, then each address a trusted proxy appended) and the first
 * address that is not a trusted proxy is the client. Without trusted proxies the header is ignored.
 * Rate limits and the audit log (NEN 7513: "from which access point") rely on this address.
 */
export interface TrustedProxies {
  trusts(address: string): boolean;
}

/** Trusts no one: the peer address is the client. */
export const noTrustedProxies: TrustedProxies = { trusts: () => false };

/**
 * Reads a comma-separated list of IP addresses and CIDR ranges (`10.0.0.1, 10.1.0.0/16, ::1`).
 * Returns the entries it could not read in `invalid`, so configuration can name them.
 */
export function parseTrustedProxies(spec: string): { proxies: TrustedProxies; invalid: string[] } {
  const list = new BlockList();
  const invalid: string[] = [];
  let any = false;
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address = '', prefixText, ...rest] = entry.split('/');
    const family = isIP(address);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (family === 0 || rest.length > 0 || !(prefix >= 0 && prefix <= (family === 6 ? 128 : 32))) {
      invalid.push(entry);
      continue;
    }
    list.addSubnet(address, prefix, type);
    any = true;
  }
  if (!any) return { proxies: noTrustedProxies, invalid };
  return {
    proxies: {
      trusts: (value) => {
        const address = plainAddress(value);
        const family = address === null ? 0 : isIP(address);
        return family !== 0 && list.check(address!, family === 6 ? 'ipv6' : 'ipv4');
      },
    },
    invalid,
  };
}

/**
 * An address as it may appear in a socket or a forwarded header, without decoration: an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as IPv4, brackets and ports removed. Null when it
 * is no IP address.
 */
export function plainAddress(value: string): string | null {
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address : null;
}

/**
 * The right-most address in [X-Forwarded-For…, peer] that is not a trusted proxy. An entry that is
 * no address at all ends the walk at the last trusted hop: nothing to its left can be believed.
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, proxies: TrustedProxies): string {
  let current = plainAddress(peer) ?? peer;
  if (!proxies.trusts(current) || !forwardedFor) return current;
  const hops = forwardedFor.split(',').reverse();
  for (const hop of hops) {
    const address = plainAddress(hop);
    if (address === null) return current;
    current = address;
    if (!proxies.trusts(current)) return current;
  }
  // Every hop is a trusted proxy: the left-most is the closest we know to the client.
  return current;
}
