import { z } from 'zod';
import { addressRange, parseNetwork, type AddressRange } from './lib/networks.js';
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

// proxy-addr's names for the loopback, link-local and private ranges, as Fastify accepts them.
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const networkList = (name: string, names: string[] = []) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const items = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const bad = items.filter((s) => !names.includes(s) && !parseNetwork(s));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `${name} must list addresses or networks such as 10.0.0.1, 10.0.0.0/8 or fd00::/8 (not "${bad.join('", "')}")` });
        return z.NEVER;
      }
      return items;
    });

const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    const text = (v ?? '').trim();
    if (text === '' || text === 'off' || text === 'false') return false;
    if (/^\d+$/.test(text)) {
      const hops = Number(text);
      if (hops >= 1 && hops <= 10) return hops;
    } else if (text !== 'true') {
      const items = text.split(',').map((s) => s.trim()).filter(Boolean);
      if (items.every((s) => PROXY_NAMES.includes(s) || parseNetwork(s))) return items;
    }
    ctx.addIssue({
      code: 'custom',
      message: `TRUST_PROXY must be "off", the reverse proxies' addresses or networks (e.g. 127.0.0.1 or 10.0.0.0/8, comma-separated), or the number of proxies in front (1–10); "true" would let every client choose its own address (got "${text}")`,
    });
    return z.NEVER;
  });

const envSchema = z.object({
  PORT: intFrom('PORT', 1, 65535, 3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'DATABASE_URL must look like postgres://user@host:5432/dbname')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'DATABASE_REPLICA_URL must look like postgres://user@replica-host:5432/dbname')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: intFrom('SESSION_TTL_HOURS', 1, 24 * 30, 12),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  LOGIN_MAX_FAILURES: intFrom('LOGIN_MAX_FAILURES', 1, 100, 5),
  LOGIN_LOCK_MINUTES: intFrom('LOGIN_LOCK_MINUTES', 1, 24 * 60, 15),
  LOGIN_RATE_PER_IP: intFrom('LOGIN_RATE_PER_IP', 1, 100000, 30),
  LOGIN_RATE_WINDOW_MINUTES: intFrom('LOGIN_RATE_WINDOW_MINUTES', 1, 24 * 60, 15),
  DEMO_SEED: z.enum(['auto', 'never']).default('auto'),
  TRUST_PROXY: trustProxy,
  WEBHOOK_ALLOW_NETWORKS: networkList('WEBHOOK_ALLOW_NETWORKS'),
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
  METRICS_ALLOW: z
    .string()
    .default('127.0.0.0/8,::1/128')
    .transform((v, ctx) => {
      try {
        return addressRange(v.trim() === '' ? '127.0.0.0/8,::1/128' : v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `METRICS_ALLOW: ${(err as Error).message} (a list of CIDRs, e.g. 127.0.0.0/8,10.1.0.0/16)` });
        return z.NEVER;
      }
    }),
  OPEN311_API_KEYS: z
    .enum(['off', 'required'], 'OPEN311_API_KEYS must be "off" (anyone may file Open311 requests) or "required" (only with an api_key issued by `kaoping open311-key issue`)')
    .default('off'),
  STREAM_HOSTS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const hosts = v.split(/[\s,]+/).filter(Boolean);
      for (const h of hosts) {
        let ok = false;
        try {
          const u = new URL(h);
          ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === h.replace(/\/+$/, '');
        } catch {
          ok = false;
        }
        if (!ok) ctx.addIssue({ code: 'custom', message: `STREAM_HOSTS must list origins such as https://cam.example.gov.cn or http://10.1.2.3:8080, comma-separated (got "${h}")` });
      }
      return hosts.map((h) => h.replace(/\/+$/, ''));
    }),
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
  /** A read replica (streaming standby) of DATABASE_URL: the heavy read-only pages are read there (docs/SCALING.md). */
  databaseReplicaUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionTtlHours: number;
  cookieSecure: 'true' | 'false' | 'auto';
  /** Wrong passwords per (name, address) before that address is locked out of that name; failed attempts per address per window. */
  login: { maxFailures: number; lockMinutes: number; ratePerIp: number; windowMinutes: number };
  /**
   * Whose X-Forwarded-For / -Proto to believe: nobody (false: the socket's address is the client's),
   * the listed proxies (addresses, networks), or the given number of proxies in front.
   */
  trustProxy: false | number | string[];
  /** Networks among the non-public ranges that webhooks may still be sent to (an intranet receiver). */
  webhookAllowNetworks: string[];
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
  /** The addresses /metrics answers (loopback only by default). */
  metricsAllow: AddressRange;
  /** The deployment's IANA time zone: dates and times are shown, exported and counted there. */
  timeZone: string;
  /** Whether filing an Open311 request needs an api_key the administrator issued (OPEN311_API_KEYS=required). */
  open311KeysRequired: boolean;
  /** Origins the admin pages may play live streams from (连线项目现场): added to the CSP's media-src and connect-src. */
  streamHosts: string[];
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
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    throw new ConfigError(['DATABASE_REPLICA_URL: a read replica needs its primary in DATABASE_URL (the embedded database has no replicas)']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      ratePerIp: e.LOGIN_RATE_PER_IP,
      windowMinutes: e.LOGIN_RATE_WINDOW_MINUTES,
    },
    demoSeed: e.DEMO_SEED,
    trustProxy: e.TRUST_PROXY,
    webhookAllowNetworks: e.WEBHOOK_ALLOW_NETWORKS,
    scoreScheduleHour: e.SCORE_SCHEDULE_HOUR === 'off' ? null : Number(e.SCORE_SCHEDULE_HOUR),
    privacyKey: e.PRIVACY_KEY,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    reminderIntervalSeconds: e.REMINDER_INTERVAL_SECONDS === 'off' ? null : Number(e.REMINDER_INTERVAL_SECONDS),
    metricsAllow: e.METRICS_ALLOW,
    timeZone: canonicalTimeZone(e.TIME_ZONE)!,
    open311KeysRequired: e.OPEN311_API_KEYS === 'required',
    streamHosts: e.STREAM_HOSTS,
  };
}
