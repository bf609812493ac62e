import { describe, expect, it } from 'vitest';
import { NON_PUBLIC, NetworkSet, addressRange, parseNetwork } from './networks.js';

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

describe('addressRange', () => {
  it('holds the loopback addresses of both families, also as IPv4-mapped IPv6, and nothing else', () => {
    const loopback = addressRange('127.0.0.0/8, ::1/128');
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(loopback.includes(a), a).toBe(true);
    for (const a of ['128.0.0.1', '10.0.0.1', '::2', '::ffff:10.0.0.1', '192.168.1.1']) expect(loopback.includes(a), a).toBe(false);
  });

  it('takes ranges of any prefix and bare addresses, separated by commas or spaces', () => {
    const r = addressRange('10.20.0.0/16 192.168.1.7,fd00::/8');
    expect(r.cidrs).toEqual(['10.20.0.0/16', '192.168.1.7', 'fd00::/8']);
    expect(r.includes('10.20.255.1')).toBe(true);
    expect(r.includes('10.21.0.1')).toBe(false);
    expect(r.includes('192.168.1.7')).toBe(true);
    expect(r.includes('192.168.1.8')).toBe(false);
    expect(r.includes('fd12:3456::1')).toBe(true);
    expect(r.includes('fe80::1')).toBe(false);
  });

  it('answers false for what is not an address (a forged header may put anything there)', () => {
    const r = addressRange('0.0.0.0/0');
    expect(r.includes('203.0.113.9')).toBe(true);
    for (const a of ['', 'unknown', '999.999.999.999', '1.2.3.4, 5.6.7.8', '[::1]:80']) expect(r.includes(a), a).toBe(false);
  });

  it('refuses an entry that is not a range, naming it', () => {
    for (const bad of ['10.0.0.0/33', '::1/129', 'localhost', '10.0.0.0/8/1', '10.0.0/8', '10.0.0.0/x']) {
      expect(() => addressRange(`127.0.0.1, ${bad}`), bad).toThrow(`"${bad}" is not an address range`);
    }
  });
});
