import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { adminCsp } from './plugins/security-headers.js';

describe('loadConfig', () => {
  it('defaults to port 3000 on the embedded database in ./data', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: './data', sessionTtlHours: 12 });
  });

  it('lists every wrong setting with what is expected', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT must be an integer from 1 to 65535 (got "abc")');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('LOG_LEVEL');
    }
  });

  it('takes a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', PORT: '8080' })).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h:5432/db' });
  });

  it('turns reminder email on with SMTP_URL and refuses other schemes without echoing the password', () => {
    expect(loadConfig({})).toMatchObject({ smtp: null, reminderIntervalSeconds: 60 });
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.gov.cn:587', REMINDER_INTERVAL_SECONDS: 'off' })).toMatchObject({
      smtp: { url: 'smtp://u:p@mail.example.gov.cn:587', from: 'Kaoping 考评 <kaoping@localhost>' },
      reminderIntervalSeconds: null,
    });
    try {
      loadConfig({ SMTP_URL: 'http://u:secret@mail', REMINDER_INTERVAL_SECONDS: '5' });
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('SMTP_URL must look like smtp://');
      expect(problems).not.toContain('secret');
      expect(problems).toContain('REMINDER_INTERVAL_SECONDS must be a number of seconds from 10 to 3600 or "off"');
    }
  });

  it('trusts no proxy unless TRUST_PROXY names them (addresses, networks) or counts them, and never "true"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '0', '11']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY must be/);
    }
  });

  it('allows webhooks to non-public networks only where WEBHOOK_ALLOW_NETWORKS lists them', () => {
    expect(loadConfig({}).webhookAllowNetworks).toEqual([]);
    expect(loadConfig({ WEBHOOK_ALLOW_NETWORKS: '10.20.0.0/16, 127.0.0.1' }).webhookAllowNetworks).toEqual(['10.20.0.0/16', '127.0.0.1']);
    expect(() => loadConfig({ WEBHOOK_ALLOW_NETWORKS: 'intranet' })).toThrow(/WEBHOOK_ALLOW_NETWORKS must list addresses or networks/);
  });

  it('lets the admin pages play live streams only from the origins STREAM_HOSTS lists', () => {
    expect(loadConfig({}).streamHosts).toEqual([]);
    expect(loadConfig({ STREAM_HOSTS: 'https://cam.example.gov.cn/, http://10.8.0.5:8080' }).streamHosts).toEqual(['https://cam.example.gov.cn', 'http://10.8.0.5:8080']);
    for (const bad of ['cam.example.gov.cn', 'ftp://cam.example', 'https://cam.example/live/x.m3u8']) {
      expect(() => loadConfig({ STREAM_HOSTS: bad }), bad).toThrow(/STREAM_HOSTS must list origins/);
    }
    const csp = adminCsp(loadConfig({ STREAM_HOSTS: 'https://cam.example.gov.cn' }).streamHosts);
    expect(csp).toContain("media-src 'self' blob: https://cam.example.gov.cn");
    expect(csp).toContain("connect-src 'self' https://cam.example.gov.cn");
    expect(csp).toContain("script-src 'self';");
  });

  it('opens /metrics to loopback by default, to the CIDRs of METRICS_ALLOW when set, and names a wrong entry', () => {
    expect(loadConfig({}).metricsAllow.cidrs).toEqual(['127.0.0.0/8', '::1/128']);
    const allow = loadConfig({ METRICS_ALLOW: '10.8.0.0/16, 127.0.0.1' }).metricsAllow;
    expect(allow.includes('10.8.3.4')).toBe(true);
    expect(allow.includes('::1')).toBe(false);
    expect(() => loadConfig({ METRICS_ALLOW: '10.8.0.0/16,intranet' })).toThrow('METRICS_ALLOW: "intranet" is not an address range');
  });

  it('shows and counts time in Asia/Shanghai unless TIME_ZONE names another IANA zone', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ TIME_ZONE: 'Asia/Urumqi' }).timeZone).toBe('Asia/Urumqi');
    try {
      loadConfig({ TIME_ZONE: 'Beijing' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems.join('\n')).toContain('TIME_ZONE must be an IANA time zone such as Asia/Shanghai');
    }
  });
});
