import { createHash } from 'node:crypto';

/**
 * HSDS requires a UUID on every object, also on the ones Korte Lijn keeps as plain columns (a
 * service's phone number, a cost option, a taxonomy term). Those get name-based UUIDs (RFC 9562
 * §5.5, version 5) in this namespace, so every export of the same data carries the same ids and a
 * round trip compares equal.
 */
export const KORTE_LIJN_HSDS_NAMESPACE = '3c6f0c2e-8f0a-5d7b-9b1e-6a4f2d8c1e57';

export function uuidV5(name: string, namespace: string = KORTE_LIJN_HSDS_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a part that has no row of its own: derived from its owner and what it is. */
export function derivedId(ownerId: string, part: string): string {
  return uuidV5(`${ownerId}/${part}`);
}
