import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

/** An address or a network in CIDR notation ("10.0.0.0/8", "fd00::/8", "203.0.113.5"); null when malformed. */
export function parseNetwork(text: string): { address: string; prefix: number; family: Family } | null {
  const [address = '', prefixText, extra] = text.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** "::ffff:10.0.0.1" is 10.0.0.1: an IPv4-mapped address is checked as the IPv4 address it carries. */
function unmap(ip: string): { address: string; family: Family } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  const version = isIP(ip);
  return version === 0 ? null : { address: ip, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** A set of networks that addresses are checked against. */
export class NetworkSet {
  private readonly list = new BlockList();
  readonly size: number;

  /** Throws on a malformed entry; check entries with `parseNetwork` first where they come from a person. */
  constructor(networks: readonly string[]) {
    for (const n of networks) {
      const parsed = parseNetwork(n);
      if (!parsed) throw new Error(`not an address or network: ${n}`);
      this.list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
    this.size = networks.length;
  }

  has(ip: string): boolean {
    const a = unmap(ip);
    return a !== null && this.list.check(a.address, a.family);
  }
}

/**
 * Where a server-side request must not go unless a setting allows it: this machine, the local
 * network and addresses that are not on the public internet (RFC 6890's special-purpose ranges).
 */
export const NON_PUBLIC = new NetworkSet([
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8',
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8',
  '169.254.0.0/16', // link-local, cloud metadata services
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15', // benchmarking
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, broadcast
  '::/128',
  '::1/128',
  '64:ff9b::/96', // NAT64: carries an IPv4 address that may be any of the above
  '100::/64', // discard
  'fc00::/7', // unique local
  'fe80::/10', // link-local
  'ff00::/8', // multicast
]);

/** A configured set of address ranges that a caller's address is checked against (METRICS_ALLOW). */
export interface AddressRange {
  /** The ranges as configured, e.g. ['127.0.0.0/8', '::1/128']. */
  readonly cidrs: readonly string[];
  /** True when the address (IPv4, IPv6 or IPv4-mapped IPv6) lies in one of the ranges; false for anything that is not an address. */
  includes(address: string): boolean;
}

/** Builds the range from a list of CIDRs separated by commas or spaces; throws naming the first entry that is not one. */
export function addressRange(list: string): AddressRange {
  const cidrs = list.split(/[\s,]+/).filter(Boolean);
  const bad = cidrs.find((c) => parseNetwork(c) === null);
  if (bad !== undefined) throw new Error(`"${bad}" is not an address range such as 10.0.0.0/8 or fd00::/8`);
  const set = new NetworkSet(cidrs);
  return { cidrs, includes: (address) => set.has(address) };
}
