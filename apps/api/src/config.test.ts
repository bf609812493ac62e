import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
