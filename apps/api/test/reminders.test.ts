import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { runReminderPass } from '../src/jobs/reminders.js';
import { outboxSmsProvider } from '../src/modules/sms/sms-provider.js';
import type { SmsProvider } from '../src/modules/sms/sms-provider.js';
import { WebhookTargets } from '../src/modules/reminders/webhook-target.js';
import { TimeZone } from '../src/lib/time-zone.js';
import { httpWebhookChannel, messageIdFor, smtpEmailChannel, type ReminderChannels, type WebhookChannel } from '../src/modules/reminders/channels.js';
import { planReminders as planIn } from '../src/modules/reminders/planner.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../src/modules/reminders/signing.js';
import { sendDueReminders } from '../src/modules/reminders/worker.js';
import { advanceTask, makeTask, makeUser, signIn, type MadeTask } from './factories.js';
import { buildTestApp, login, unitId, type Client, type TestApp } from './helpers.js';

/**
 * Reminders of supervised tasks, on a fixed clock: a task due Monday 11 October 2021, just after
 * the National Day holiday (1–7 October, with Sunday 26 September and Saturday 9 October worked).
 * Every pass is called with the instant it runs at, as the server's interval would.
 *
 * Each test makes its own task in a unit of its own, with the people's addresses and the webhook
 * subscriber it needs, so no test reads another's reminders; the tasks a test made are closed
 * after it, and what they still had queued is cancelled.
 */

const CHINA = new TimeZone('Asia/Shanghai');
const at = (date: string, hour = 10) => CHINA.at(date, hour);
const planReminders = (db: Database, now: Date) => planIn(db, now, CHINA);

interface Hook {
  headers: IncomingHttpHeaders;
  body: string;
}
interface Mail {
  to: string[];
  raw: string;
}

let t: TestApp;
let admin: Client;
let smtp: SMTPServer;
let receiver: Server;
let smtpUrl: string;
let hookUrl: string;
/** What the mail sink and the webhook receiver got during the current test. */
const mails: Mail[] = [];
const hooks: Hook[] = [];
/** The app's clock: the system's unless a test sets it. */
let clockAt: Date | null = null;
/** The tasks the current test made, closed after it. */
let made: MadeTask[] = [];
let smsAtStart = 0;

let channels: ReminderChannels;
// The receivers listen on this machine, a network webhooks may reach only when the setting allows it.
const LOCAL = '127.0.0.0/8';
const targets = new WebhookTargets([LOCAL]);
const newChannels = (): ReminderChannels => ({ email: smtpEmailChannel(smtpUrl, '考评督查 <kaoping@example.gov.cn>'), sms: outboxSmsProvider, webhook: httpWebhookChannel(targets) });

async function listen(server: { listen(port: number, host: string, cb: () => void): unknown }, address: () => AddressInfo | string | null): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (address() as AddressInfo).port;
}

/** A task of the unit in 办理中, registered, approved and signed for through the API. */
async function taskIn(unit: number, deadline: string, leader = '刘副市长'): Promise<number> {
  const task = await makeTask(t, { title: '背街小巷改造', source: 'meeting', leadUnitId: unit, responsibleLeader: leader, startDate: '2021-06-01', deadline, milestones: [] }, { status: 'in_progress' });
  made.push(task);
  return task.id;
}

interface Unit {
  id: number;
  code: string;
  /** The unit's webhook subscriber and its signing secret, when asked for. */
  webhook: { id: number; secret: string } | null;
}

/**
 * Readies a unit for reminders: its reporter's email and mobile number (as the reporter enters
 * them), its head's email (as the administrator does) and, when asked, a webhook subscriber.
 */
async function unitWith(
  code: string,
  opts: { reporter?: { email: string | null; phone: string | null } | null; headEmail?: string | null; webhook?: boolean } = {},
): Promise<Unit> {
  const id = await unitId(t.db, code);
  const reporter = opts.reporter === undefined ? { email: 'reporter@hyx.example.gov.cn', phone: '13800000001' } : opts.reporter;
  if (reporter) expect((await (await signIn(t, `${code}-reporter`)).request('PUT', '/api/reminders/contacts', reporter)).statusCode).toBe(200);
  const headEmail = opts.headEmail === undefined ? 'head@hyx.example.gov.cn' : opts.headEmail;
  if (headEmail) expect((await admin.request('PUT', `/api/reminders/contacts/${await userIdOf(`${code}-head`)}`, { email: headEmail, phone: null })).statusCode).toBe(200);
  let webhook: Unit['webhook'] = null;
  if (opts.webhook ?? true) {
    const res = await admin.post('/api/webhooks', { name: `${code} 城管指挥中心`, url: hookUrl, unitId: id });
    expect(res.statusCode, res.body).toBe(201);
    webhook = res.json() as { id: number; secret: string };
  }
  return { id, code, webhook };
}

const jobs = (task: number) =>
  t.db.query<{ id: number; kind: string; due_date: string; recipient: string; channel: string; status: string; idempotency_key: string; attempts: number }>(
    `select id, kind, to_char(due_date, 'YYYY-MM-DD') as due_date, recipient, channel, status, idempotency_key::text as idempotency_key, attempts
       from reminder_jobs where task_id = $1 order by id`,
    [task],
  );

const userIdOf = async (username: string) => (await t.db.query<{ id: number }>('select id from users where username = $1', [username]))[0]!.id;
const smsCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from sms_outbox'))[0]!.n;
/** Texts sent during the current test. */
const smsSent = async () => (await smsCount()) - smsAtStart;

/** Decodes the MIME encoded-words nodemailer writes for a non-ASCII subject. */
function subjectOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => /^subject:/i.test(l))!.replace(/^subject:\s*/i, '');
  return line.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}
const headerOf = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(raw.split(/\r?\n\r?\n/)[0]!)?.[1]?.trim();

/** The 临近提醒 of a task due 11 October: planned at 07:00 on 30 September and sent at 10:00 (inbox, email, SMS, webhook). */
async function sendApproaching(task: number): Promise<void> {
  expect((await planReminders(t.db, at('2021-09-30', 7))).planned).toBe(4);
  expect((await sendDueReminders(t.db, channels, at('2021-09-30'))).sent).toBe(4);
  expect((await jobs(task)).map((j) => j.status)).toEqual(Array(4).fill('sent'));
}

beforeAll(async () => {
  t = await buildTestApp({ env: { WEBHOOK_ALLOW_NETWORKS: LOCAL }, clock: { now: () => clockAt ?? new Date() } });
  admin = await login(t.app, 'admin');

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  smtpUrl = `smtp://127.0.0.1:${await listen(smtp, () => smtp.server.address())}`;

  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });
  hookUrl = `http://127.0.0.1:${await listen(receiver, () => receiver.address())}/kaoping`;
  channels = newChannels();

  // SMS is off unless the administrator switches it on.
  const settings = (await admin.get('/api/reminders/settings')).json() as { channels: Record<string, boolean> };
  const put = await admin.request('PUT', '/api/reminders/settings', { ...settings, channels: { ...settings.channels, sms: true } });
  expect(put.statusCode, put.body).toBe(200);
});

beforeEach(async () => {
  mails.length = 0;
  hooks.length = 0;
  clockAt = null;
  smsAtStart = await smsCount();
});

afterEach(async () => {
  clockAt = null;
  for (const task of made) await advanceTask(t, task, 'closed');
  made = [];
  // What the closed tasks still had queued is cancelled, as the next planner pass does.
  await planReminders(t.db, at('2031-01-06'));
});

afterAll(async () => {
  channels?.email?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  await t?.close();
});

/**
 * Pairs up the claims of two job runners: a runner about to claim reminders waits, up to
 * `patienceMs`, for the other to be about to claim too, and both queries then go to the database
 * together. So the claims race each other on PostgreSQL instead of merely following one another.
 */
function claimRendezvous(patienceMs: number): { before(sql: string): Promise<void>; met(): number } {
  let waiting: (() => void) | null = null;
  let met = 0;
  const before = (sql: string) =>
    /update reminder_jobs j set status = 'sending'/.test(sql)
      ? new Promise<void>((resolve) => {
          if (waiting) {
            met++;
            waiting();
            waiting = null;
            resolve();
            return;
          }
          const timer = setTimeout(() => {
            waiting = null;
            resolve();
          }, patienceMs);
          waiting = () => {
            clearTimeout(timer);
            resolve();
          };
        })
      : Promise.resolve();
  return { before, met: () => met };
}

/** The database with `before` awaited ahead of each query run on it directly (not in a transaction). */
function gated(db: Database, before: (sql: string) => Promise<void>): Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'query') return async (sql: string, params?: unknown[], prepared?: string) => (await before(sql), target.query(sql, params, prepared));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('reminders of supervised tasks', () => {
  it('plans the 临近提醒 three working days before the deadline, counting across the National Day holiday', async () => {
    const unit = await unitWith('430421');
    const taskId = await taskIn(unit.id, '2021-10-11');
    expect(await planReminders(t.db, at('2021-09-29'))).toEqual({ planned: 0, cancelled: 0 });
    // Working days before Monday 11 October: Sat 9th (make-up day), Fri 8th, then back over the holiday to Thu 30 September.
    expect((await planReminders(t.db, at('2021-09-30', 7))).planned).toBe(4);
    const reporter = await userIdOf('430421-reporter');
    expect((await jobs(taskId)).map((j) => `${j.kind} ${j.due_date} ${j.recipient} ${j.channel}`)).toEqual([
      `approaching 2021-09-30 user:${reporter} inbox`,
      `approaching 2021-09-30 user:${reporter} email`,
      `approaching 2021-09-30 user:${reporter} sms`,
      `approaching 2021-09-30 webhook:${unit.webhook!.id} webhook`,
    ]);
    // The queue as the supervision office reads it.
    const supervisor = await login(t.app, 'supervisor');
    const queue = (await supervisor.get(`/api/reminders?taskId=${taskId}`)).json() as { items: { status: string; dueAt: string }[]; counts: Record<string, number> };
    expect(queue.counts).toEqual({ pending: 4 });
    expect(queue.items[0]!.dueAt).toBe('2021-09-30T01:00:00.000Z'); // 09:00 China time
  });

  it('plans nothing new when the planner runs again, through the holiday and by racing instances', async () => {
    const unit = await unitWith('430408');
    const taskId = await taskIn(unit.id, '2021-10-11');
    expect((await planReminders(t.db, at('2021-09-30', 7))).planned).toBe(4);
    expect((await planReminders(t.db, at('2021-09-30', 11))).planned).toBe(0);
    for (const day of ['2021-10-01', '2021-10-04', '2021-10-07', '2021-10-08', '2021-10-09']) {
      const both = await Promise.all([planReminders(t.db, at(day)), planReminders(t.db, at(day))]);
      expect(both.map((r) => r.planned), day).toEqual([0, 0]);
    }
    expect(await jobs(taskId)).toHaveLength(4);
  });

  it('two instances running the reminder job at the same moment send each reminder once (on PostgreSQL each has its own pool and they race in the server; on PGlite they share the one embedded database, which takes their queries in turn)', async () => {
    const unit = await unitWith('430424');
    const tasks: number[] = [];
    for (let i = 0; i < 5; i++) tasks.push(await taskIn(unit.id, '2021-10-11'));
    // Before 09:00 nothing is due yet.
    clockAt = at('2021-09-30', 8);
    expect(await runReminderPass(t.app.ctx, channels)).toMatchObject({ planned: 20, sent: 0 });

    clockAt = at('2021-09-30');
    // A second instance of the app on the same database: on PostgreSQL with connections of its own.
    const pool: Database = t.db.kind === 'postgresql' ? await openDatabase({ databaseUrl: t.config.databaseUrl, dataDir: ':memory:' }) : t.db;
    const rendezvous = claimRendezvous(250);
    const second = await buildApp({ config: t.config, db: gated(pool, rendezvous.before), logger: false, clock: t.app.ctx.clock });
    const first = { ...t.app.ctx, db: gated(t.db, rendezvous.before) };
    const [ours, theirs] = [newChannels(), newChannels()];
    try {
      await second.ready();
      // Both passes start together, one reminder claimed at a time, each claim paired with the other's.
      const [a, b] = await Promise.all([runReminderPass(first, ours, { workerId: 'a', batch: 1 }), runReminderPass(second.ctx, theirs, { workerId: 'b', batch: 1 })]);
      expect(rendezvous.met()).toBeGreaterThan(0);
      expect(a.planned + b.planned).toBe(0);
      expect(a.sent + b.sent).toBe(20);
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
      expect(a.failed + b.failed + a.retrying + b.retrying + a.skipped + b.skipped).toBe(0);
      // Again, from either instance: nothing is left to send.
      expect((await runReminderPass(second.ctx, theirs)).sent).toBe(0);
    } finally {
      ours.email?.close();
      theirs.email?.close();
      await second.close();
      if (pool !== t.db) await pool.close();
    }
    const all = (await Promise.all(tasks.map(jobs))).flat();
    expect(all.map((j) => [j.status, j.attempts])).toEqual(Array(20).fill(['sent', 1]));
    // Each email, webhook call and text went out once: one of each per task, under its own key.
    const keys = (channel: string) => all.filter((j) => j.channel === channel).map((j) => j.idempotency_key).sort();
    expect(mails.map((m) => headerOf(m.raw, 'X-Kaoping-Reminder')).sort()).toEqual(keys('email'));
    expect(hooks.map((h) => h.headers[IDEMPOTENCY_HEADER] as string).sort()).toEqual(keys('webhook'));
    expect(keys('email')).toHaveLength(5);
    expect(new Set(keys('email')).size).toBe(5);
    expect(await smsSent()).toBe(5);
    const inbox = ((await (await signIn(t, '430424-reporter')).get('/api/inbox')).json() as { items: { taskId: number; kind: string }[] }).items;
    expect(inbox.map((i) => `${i.kind} ${i.taskId}`).sort()).toEqual(tasks.map((id) => `approaching ${id}`).sort());
  });

  it('sends each due reminder once, and after a restart a new worker sends nothing again', async () => {
    const unit = await unitWith('430426');
    const taskId = await taskIn(unit.id, '2021-10-11');
    await planReminders(t.db, at('2021-09-30', 7));
    // Before 09:00 nothing is due yet.
    expect((await sendDueReminders(t.db, channels, at('2021-09-30', 8))).sent).toBe(0);
    expect((await sendDueReminders(t.db, channels, at('2021-09-30'))).sent).toBe(4);
    const restarted = newChannels();
    try {
      for (const when of [at('2021-09-30', 11), at('2021-10-08', 10)]) {
        const r = await sendDueReminders(t.db, restarted, when, { workerId: 'after-restart' });
        expect(r).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0, cancelled: 0, recovered: 0 });
      }
    } finally {
      restarted.email?.close();
    }
    expect((await jobs(taskId)).map((j) => [j.status, j.attempts])).toEqual(Array(4).fill(['sent', 1]));
    expect(mails).toHaveLength(1);
    expect(hooks).toHaveLength(1);
    expect(await smsSent()).toBe(1);
    const [sms] = await t.db.query<{ phone_masked: string; body: string }>('select phone_masked, body from sms_outbox order by id desc limit 1');
    expect(sms).toMatchObject({ phone_masked: '138****0001' });
    expect(sms!.body).toMatch(/^【临近提醒】背街小巷改造/);
  });

  it('emails the reminder to the local SMTP sink, with a Message-ID made from its idempotency key', async () => {
    const unit = await unitWith('430481');
    const taskId = await taskIn(unit.id, '2021-10-11');
    await sendApproaching(taskId);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const email = (await jobs(taskId)).find((j) => j.channel === 'email')!;
    expect(mail!.to).toEqual(['reporter@hyx.example.gov.cn']);
    expect(headerOf(mail!.raw, 'Message-ID')).toBe(messageIdFor(email.idempotency_key));
    expect(headerOf(mail!.raw, 'X-Kaoping-Reminder')).toBe(email.idempotency_key);
    expect(subjectOf(mail!.raw)).toBe('【临近提醒】背街小巷改造');
  });

  it('posts the reminder to the webhook with a signature that verifies', async () => {
    const unit = await unitWith('430482');
    const secret = unit.webhook!.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await admin.get('/api/webhooks')).json())).not.toContain(secret);
    const taskId = await taskIn(unit.id, '2021-10-11');
    await sendApproaching(taskId);
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    const job = (await jobs(taskId)).find((j) => j.channel === 'webhook')!;
    const headers = { signature: hook!.headers[SIGNATURE_HEADER] as string, timestamp: hook!.headers[TIMESTAMP_HEADER] as string };
    expect(verifySignature(secret, headers, hook!.body, at('2021-09-30'))).toBe(true);
    expect(verifySignature(secret, headers, hook!.body.replace('背街', '前街'), at('2021-09-30'))).toBe(false);
    expect(hook!.headers[IDEMPOTENCY_HEADER]).toBe(job.idempotency_key);
    expect(hook!.headers['x-kaoping-event']).toBe('reminder.approaching');
    const body = JSON.parse(hook!.body) as { id: string; type: string; reminder: { dueDate: string }; task: { id: number; deadline: string; leadUnit: { code: string } } };
    expect(body).toMatchObject({ id: job.idempotency_key, type: 'reminder.approaching', reminder: { dueDate: '2021-09-30' }, task: { id: taskId, deadline: '2021-10-11', leadUnit: { code: '430482' } } });
  });

  it('presses on the deadline day and escalates to the unit head, whose inbox lists it', async () => {
    const unit = await unitWith('430405');
    const taskId = await taskIn(unit.id, '2021-10-11');
    await sendApproaching(taskId);
    const planned = await Promise.all([planReminders(t.db, at('2021-10-11', 7)), planReminders(t.db, at('2021-10-11', 7))]);
    expect(planned[0].planned + planned[1].planned).toBe(4); // 到期催办 to the reporter (inbox, email, SMS) and the webhook
    expect((await planReminders(t.db, at('2021-10-12'))).planned).toBe(0); // every 2 working days: next on the 13th
    expect((await sendDueReminders(t.db, channels, at('2021-10-12'))).sent).toBe(4);

    const head = await login(t.app, '430405-head');
    expect(((await head.get('/api/inbox')).json() as { unread: number }).unread).toBe(0);
    // Two working days overdue: the next 到期催办, and the first escalation, to the head (inbox and email; no phone on file).
    await planReminders(t.db, at('2021-10-13', 7));
    const due13 = (await jobs(taskId)).filter((j) => j.due_date === '2021-10-13');
    expect(due13.filter((j) => j.kind === 'overdue')).toHaveLength(4);
    expect(due13.filter((j) => j.kind === 'escalation_head').map((j) => j.channel)).toEqual(['inbox', 'email', 'webhook']);
    expect((await sendDueReminders(t.db, channels, at('2021-10-13'))).sent).toBe(7);

    const inbox = (await head.get('/api/inbox')).json() as { unread: number; items: { id: number; taskId: number; kind: string; title: string; body: string; readAt: string | null }[] };
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ taskId, kind: 'escalation_head', title: '【超期升级】背街小巷改造', readAt: null });
    expect(inbox.items[0]!.body).toContain('已超过办理期限（2021-10-11）2 个工作日仍未办结');
    expect(mails.at(-1)!.to).toEqual(['head@hyx.example.gov.cn']);

    // The reporter has three messages: the 临近提醒 and two 到期催办.
    const reporter = await login(t.app, '430405-reporter');
    const theirs = (await reporter.get('/api/inbox')).json() as { unread: number; items: { id: number; kind: string }[] };
    expect(theirs.items.map((i) => i.kind)).toEqual(['overdue', 'overdue', 'approaching']);
    // Nobody reads another person's message; reading one's own lowers the count.
    expect((await reporter.post(`/api/inbox/${inbox.items[0]!.id}/read`)).statusCode).toBe(404);
    const read = await head.post(`/api/inbox/${inbox.items[0]!.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ unread: 0 });
    expect(((await head.get('/api/inbox?unread=true')).json() as { items: unknown[] }).items).toHaveLength(0);
    expect((await reporter.post('/api/inbox/read-all')).json()).toEqual({ marked: 3, unread: 0 });
  });

  it('escalates to the responsible leader and the supervision office after five overdue working days', async () => {
    const unit = await unitWith('430406');
    const liu = await makeUser(t, { username: 'liu-fsz', displayName: '刘副市长', role: 'leader' });
    const taskId = await taskIn(unit.id, '2021-10-11');
    await planReminders(t.db, at('2021-10-15', 7));
    await sendDueReminders(t.db, channels, at('2021-10-15'));
    expect((await jobs(taskId)).filter((j) => j.kind === 'escalation_office')).toHaveLength(0);

    await planReminders(t.db, at('2021-10-18', 7));
    const office = (await jobs(taskId)).filter((j) => j.kind === 'escalation_office');
    const supervisor = await userIdOf('supervisor');
    expect(office.map((j) => `${j.recipient} ${j.channel}`).sort()).toEqual([`user:${liu.id} inbox`, `user:${supervisor} inbox`, `webhook:${unit.webhook!.id} webhook`].sort());
    expect(office.every((j) => j.due_date === '2021-10-18')).toBe(true);
    await sendDueReminders(t.db, channels, at('2021-10-18'));

    for (const username of ['liu-fsz', 'supervisor']) {
      const inbox = (await (await login(t.app, username)).get('/api/inbox')).json() as { unread: number; items: { kind: string; body: string }[] };
      expect(inbox.unread, username).toBe(1);
      expect(inbox.items[0]!.kind).toBe('escalation_office');
      expect(inbox.items[0]!.body).toContain('5 个工作日仍未办结，提请责任领导刘副市长和市督查室督办');
    }
    // A city leader who is not the responsible leader is not troubled.
    expect(((await (await login(t.app, 'leader')).get('/api/inbox')).json() as { unread: number }).unread).toBe(0);
  });

  it('cancels what is not yet sent once the task is closed', async () => {
    const unit = await unitWith('430407');
    const taskId = await taskIn(unit.id, '2021-10-11');
    await planReminders(t.db, at('2021-10-19', 7));
    const pending = (await jobs(taskId)).filter((j) => j.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    // The unit reports completion and the office closes the task out.
    await advanceTask(t, made.find((m) => m.id === taskId)!, 'closed');
    expect((await planReminders(t.db, at('2021-10-19', 8))).cancelled).toBe(pending.length);
    expect((await sendDueReminders(t.db, channels, at('2021-10-19'))).sent).toBe(0);
    expect((await planReminders(t.db, at('2021-10-25'))).planned).toBe(0);
  });

  describe('a worker that dies between sending and marking', () => {
    /** Sends for real, then never returns: the process is gone before the reminder is marked sent. */
    function dying(delivered: () => void): { channels: ReminderChannels; release: () => void } {
      let release!: () => void;
      const forever = new Promise<void>((resolve) => (release = resolve));
      const real = httpWebhookChannel(targets);
      const webhook: WebhookChannel = { send: async (d, now) => (await real.send(d, now), delivered(), forever) };
      const sms: SmsProvider = { name: 'outbox', send: async (db, phone, body) => (await outboxSmsProvider.send(db, phone, body), delivered(), forever) };
      return { channels: { email: null, sms, webhook }, release };
    }
    const run = async (unitCode: string, setUp: (unit: number) => Promise<void>) => {
      const unit = await unitId(t.db, unitCode);
      await setUp(unit);
      const task = await taskIn(unit, '2021-11-15');
      await planReminders(t.db, at('2021-11-10', 7));
      let sent!: () => void;
      const delivered = new Promise<void>((resolve) => (sent = resolve));
      const dead = dying(sent);
      const first = sendDueReminders(t.db, dead.channels, at('2021-11-10'), { workerId: 'dies' });
      await delivered;
      return { task, dead, first };
    };

    it('sends the webhook again under the same idempotency key, so the receiver can drop it', async () => {
      const { task, dead, first } = await run('430423', async (unit) => {
        expect((await admin.post('/api/webhooks', { name: '区网格中心', url: hookUrl, unitId: unit, kinds: ['approaching'] })).statusCode).toBe(201);
      });
      const [job] = (await jobs(task)).filter((j) => j.channel === 'webhook');
      expect(job!.status).toBe('sending');
      const before = hooks.length;
      // Within the lease the new instance leaves it alone; after it, the reminder goes again.
      expect((await sendDueReminders(t.db, channels, at('2021-11-10', 10), { workerId: 'restarted' })).recovered).toBe(0);
      const later = new Date(at('2021-11-10').getTime() + 6 * 60_000);
      expect(await sendDueReminders(t.db, channels, later, { workerId: 'restarted' })).toMatchObject({ recovered: 1, sent: 1 });
      expect(hooks.length).toBe(before + 1);
      const again = hooks.filter((h) => h.headers[IDEMPOTENCY_HEADER] === job!.idempotency_key);
      expect(again).toHaveLength(2);
      expect(new Set(again.map((h) => JSON.parse(h.body).id as string)).size).toBe(1);
      expect((await jobs(task)).find((j) => j.id === job!.id)).toMatchObject({ status: 'sent', attempts: 2 });
      // The dead worker's late answer does not overwrite the outcome.
      dead.release();
      await first;
      expect((await jobs(task)).find((j) => j.id === job!.id)).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('does not send the SMS again: it is left uncertain for a person to check', async () => {
      const { task, dead, first } = await run('430422', async () => {
        const reporter = await login(t.app, '430422-reporter');
        expect((await reporter.request('PUT', '/api/reminders/contacts', { email: null, phone: '13900000002' })).statusCode).toBe(200);
      });
      const [job] = (await jobs(task)).filter((j) => j.channel === 'sms');
      expect(job!.status).toBe('sending');
      const texts = await smsCount();
      const later = new Date(at('2021-11-10').getTime() + 6 * 60_000);
      expect(await sendDueReminders(t.db, channels, later, { workerId: 'restarted' })).toMatchObject({ recovered: 1, sent: 0 });
      expect(await smsCount()).toBe(texts);
      expect((await jobs(task)).find((j) => j.id === job!.id)).toMatchObject({ status: 'uncertain', attempts: 1 });
      dead.release();
      await first;
      expect((await jobs(task)).find((j) => j.id === job!.id)!.status).toBe('uncertain');
    });
  });

  it('keeps the working-day calendar: 2021 seeded, days set and cleared by the administrator', async () => {
    const cal = (await admin.get('/api/calendar?year=2021')).json() as { workingDays: number; days: { date: string; kind: string; name: string }[] };
    expect(cal.workingDays).toBe(250);
    expect(cal.days.find((d) => d.date === '2021-10-09')).toEqual({ date: '2021-10-09', kind: 'workday', name: '国庆节调休' });
    expect(cal.days.filter((d) => d.kind === 'holiday')).toHaveLength(31);
    const put = await admin.request('PUT', '/api/calendar/days/2021-12-31', { kind: 'holiday', name: '临时调整' });
    expect(put.statusCode, put.body).toBe(200);
    expect(((await admin.get('/api/calendar?year=2021')).json() as { workingDays: number }).workingDays).toBe(249);
    expect((await admin.del('/api/calendar/days/2021-12-31')).statusCode).toBe(204);
    expect((await admin.del('/api/calendar/days/2021-12-31')).statusCode).toBe(404);
    expect((await admin.request('PUT', '/api/calendar/days/2021-02-30', { kind: 'holiday' })).statusCode).toBe(400);
  });
});
