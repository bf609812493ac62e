import { describe, expect, it } from 'vitest';
import { NON_PUBLIC, NetworkSet, parseNetwork } from './networks.js';

describe('networks', () => {
  it('parses addresses and CIDR networks of both families, and nothing else', () => {
    expect(parseNetwork('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseNetwork('203.0.113.5')).toEqual({ address: '203.0.113.5', prefix: 32, family: 'ipv4' });
    expect(parseNetwork('fd00::/8')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'example.org', '10.0.0.0/8/1', '::1/129', '1.2.3.4/x', '']) expect(parseNetwork(bad), bad).toBeNull();
  });

  it('tells the non-public ranges from public addresses, IPv4-mapped IPv6 included', () => {
    for (const ip of ['127.0.0.1', '10.9.8.7', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd12::3', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1']) {
      expect(NON_PUBLIC.has(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '203.0.113.10', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(NON_PUBLIC.has(ip), ip).toBe(false);
  });

  it('checks membership of a set of networks', () => {
    const set = new NetworkSet(['10.20.0.0/16', '::1']);
    expect(set.has('10.20.3.4')).toBe(true);
    expect(set.has('10.21.0.1')).toBe(false);
    expect(set.has('::1')).toBe(true);
    expect(set.has('not an address')).toBe(false);
  });
});
