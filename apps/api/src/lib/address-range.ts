import { BlockList, isIP } from 'node:net';

/** A set of address ranges (CIDRs) that a caller's address is checked against. */
export interface AddressRange {
  /** The ranges as configured, e.g. ['127.0.0.0/8', '::1/128']. */
  readonly cidrs: readonly string[];
  /** True when the address (IPv4, IPv6 or IPv4-mapped IPv6) lies in one of the ranges; false for anything that is not an address. */
  includes(address: string): boolean;
}

/** Parses one CIDR ("10.0.0.0/8", "fd00::/8") or a bare address (one host); null when it is neither. */
function parseCidr(text: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { address, prefix, type: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Builds the range from a list of CIDRs separated by commas or spaces; throws naming the first entry that is not one. */
export function addressRange(list: string): AddressRange {
  const cidrs = list.split(/[\s,]+/).filter(Boolean);
  const blocks = new BlockList();
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (!parsed) throw new Error(`"${cidr}" is not an address range such as 10.0.0.0/8 or fd00::/8`);
    blocks.addSubnet(parsed.address, parsed.prefix, parsed.type);
  }
  return {
    cidrs,
    includes: (address) => {
      const version = isIP(address);
      return version !== 0 && blocks.check(address, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
