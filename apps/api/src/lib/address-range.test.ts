import { describe, expect, it } from 'vitest';
import { addressRange } from './address-range.js';

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
