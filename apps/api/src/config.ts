import { z } from 'zod';
import { DEFAULT_TIME_ZONE, canonicalTimeZone } from './lib/time-zone.js';

const intFrom = (name: string, min: number, max: number, dflt: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an integer from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  PORT: intFrom('PORT', 1, 65535, 3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'DATABASE_URL must look like postgres://user@host:5432/dbname')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: intFrom('SESSION_TTL_HOURS', 1, 24 * 30, 12),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  LOGIN_MAX_FAILURES: intFrom('LOGIN_MAX_FAILURES', 1, 100, 5),
  LOGIN_LOCK_MINUTES: intFrom('LOGIN_LOCK_MINUTES', 1, 24 * 60, 15),
  LOGIN_RATE_PER_IP: intFrom('LOGIN_RATE_PER_IP', 1, 100000, 30),
  LOGIN_RATE_PER_ACCOUNT: intFrom('LOGIN_RATE_PER_ACCOUNT', 1, 100000, 10),
  LOGIN_RATE_WINDOW_MINUTES: intFrom('LOGIN_RATE_WINDOW_MINUTES', 1, 24 * 60, 15),
  DEMO_SEED: z.enum(['auto', 'never']).default('auto'),
  PRIVACY_KEY: z.string().min(32, 'PRIVACY_KEY must be at least 32 characters (it keys the hashes of phone numbers)').optional(),
  PUBLIC_URL: z.url('PUBLIC_URL must be an absolute URL such as https://kaoping.example.gov.cn').optional(),
  SCORE_SCHEDULE_HOUR: z
    .string()
    .regex(/^(off|[01]?\d|2[0-3])$/, 'SCORE_SCHEDULE_HOUR must be an hour 0–23 or "off"')
    .default('2'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, 'SMTP_URL must look like smtp://user:password@mail.example.gov.cn:587 or smtps://…:465')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMTP_FROM: z.string().min(3, 'SMTP_FROM must be a sender address such as "考评督查 <kaoping@example.gov.cn>"').default('Kaoping 考评 <kaoping@localhost>'),
  REMINDER_INTERVAL_SECONDS: z
    .string()
    .regex(/^(off|\d{1,5})$/, 'REMINDER_INTERVAL_SECONDS must be a number of seconds from 10 to 3600 or "off"')
    .refine((v) => v === 'off' || (Number(v) >= 10 && Number(v) <= 3600), 'REMINDER_INTERVAL_SECONDS must be a number of seconds from 10 to 3600 or "off"')
    .default('60'),
  TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine((v) => canonicalTimeZone(v) !== null, 'TIME_ZONE must be an IANA time zone such as Asia/Shanghai or Asia/Urumqi'),
});

/** Validated settings; read once at start-up and passed down, never read from process.env elsewhere. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionTtlHours: number;
  cookieSecure: 'true' | 'false' | 'auto';
  login: { maxFailures: number; lockMinutes: number; ratePerIp: number; ratePerAccount: number; windowMinutes: number };
  demoSeed: 'auto' | 'never';
  /** Hour of the day for the daily score run of current schemes; null when off. */
  scoreScheduleHour: number | null;
  /** Keys the hashes of phone numbers and devices; made and kept in the database when unset. */
  privacyKey: string | undefined;
  /** The address citizens reach Kaoping at, for invitation links; http://localhost:PORT when unset. */
  publicUrl: string;
  /** Email of reminders; null (off) when SMTP_URL is unset. */
  smtp: { url: string; from: string } | null;
  /** How often reminders are planned and sent; null when off. */
  reminderIntervalSeconds: number | null;
  /** The deployment's IANA time zone: dates and times are shown, exported and counted there. */
  timeZone: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws ConfigError listing every wrong setting, each with what to do. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        return i.message.startsWith(key) ? i.message : `${key}: ${i.message} (got "${env[key] ?? ''}")`;
      }),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      ratePerIp: e.LOGIN_RATE_PER_IP,
      ratePerAccount: e.LOGIN_RATE_PER_ACCOUNT,
      windowMinutes: e.LOGIN_RATE_WINDOW_MINUTES,
    },
    demoSeed: e.DEMO_SEED,
    scoreScheduleHour: e.SCORE_SCHEDULE_HOUR === 'off' ? null : Number(e.SCORE_SCHEDULE_HOUR),
    privacyKey: e.PRIVACY_KEY,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    reminderIntervalSeconds: e.REMINDER_INTERVAL_SECONDS === 'off' ? null : Number(e.REMINDER_INTERVAL_SECONDS),
    timeZone: canonicalTimeZone(e.TIME_ZONE)!,
  };
}
