import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { outboxSmsProvider } from '../src/modules/sms/sms-provider.js';
import type { SmsProvider } from '../src/modules/sms/sms-provider.js';
import { WebhookTargets } from '../src/modules/reminders/webhook-target.js';
import { TimeZone } from '../src/lib/time-zone.js';
import { httpWebhookChannel, messageIdFor, smtpEmailChannel, type ReminderChannels, type WebhookChannel } from '../src/modules/reminders/channels.js';
import { planReminders as planIn } from '../src/modules/reminders/planner.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../src/modules/reminders/signing.js';
import { sendDueReminders } from '../src/modules/reminders/worker.js';
import { DEMO_PASSWORD } from '../src/seed/seed-demo.js';
import { buildTestApp, login, unitId, type Client, type TestApp } from './helpers.js';

/**
 * Reminders of supervised tasks, on a fixed clock: a task due Monday 11 October 2021, just after
 * the National Day holiday (1–7 October, with Sunday 26 September and Saturday 9 October worked).
 * Every pass is called with the instant it runs at, as the server's interval would.
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
const mails: Mail[] = [];
const hooks: Hook[] = [];
let secret: string;
let home: number;
let taskId: number;

let channels: ReminderChannels;
// The receivers listen on this machine, a network webhooks may reach only when the setting allows it.
const LOCAL = '127.0.0.0/8';
const targets = new WebhookTargets([LOCAL]);
const newChannels = (): ReminderChannels => ({ email: smtpEmailChannel(smtpUrl, '考评督查 <kaoping@example.gov.cn>'), sms: outboxSmsProvider, webhook: httpWebhookChannel(targets) });

async function listen(server: { listen(port: number, host: string, cb: () => void): unknown }, address: () => AddressInfo | string | null): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (address() as AddressInfo).port;
}

async function taskIn(unit: number, deadline: string, leader = '刘副市长'): Promise<number> {
  const [row] = await t.db.query<{ id: number }>(
    `insert into tasks (title, source, lead_unit_id, responsible_leader, start_date, deadline, status)
     values ('背街小巷改造', 'meeting', $1, $2, '2021-06-01', $3, 'in_progress') returning id`,
    [unit, leader, deadline],
  );
  return row!.id;
}

const jobs = (task: number) =>
  t.db.query<{ id: number; kind: string; due_date: string; recipient: string; channel: string; status: string; idempotency_key: string; attempts: number }>(
    `select id, kind, to_char(due_date, 'YYYY-MM-DD') as due_date, recipient, channel, status, idempotency_key::text as idempotency_key, attempts
       from reminder_jobs where task_id = $1 order by id`,
    [task],
  );

const userIdOf = async (username: string) => (await t.db.query<{ id: number }>('select id from users where username = $1', [username]))[0]!.id;
const smsCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from sms_outbox'))[0]!.n;

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

beforeAll(async () => {
  t = await buildTestApp({ env: { WEBHOOK_ALLOW_NETWORKS: LOCAL } });
  admin = await login(t.app, 'admin');
  home = await unitId(t.db, '430421');

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

  // The subscriber, the people's addresses, SMS on, and the responsible leader's account.
  const res = await admin.post('/api/webhooks', { name: '城管指挥中心', url: hookUrl, unitId: home });
  expect(res.statusCode, res.body).toBe(201);
  secret = (res.json() as { secret: string }).secret;
  expect(secret).toMatch(/^whsec_/);
  expect(JSON.stringify((await admin.get('/api/webhooks')).json())).not.toContain(secret);

  const reporter = await login(t.app, '430421-reporter');
  expect((await reporter.request('PUT', '/api/reminders/contacts', { email: 'reporter@hyx.example.gov.cn', phone: '13800000001' })).statusCode).toBe(200);
  const head = await userIdOf('430421-head');
  expect((await admin.request('PUT', `/api/reminders/contacts/${head}`, { email: 'head@hyx.example.gov.cn', phone: null })).statusCode).toBe(200);
  const settings = (await admin.get('/api/reminders/settings')).json() as { channels: Record<string, boolean> };
  const put = await admin.request('PUT', '/api/reminders/settings', { ...settings, channels: { ...settings.channels, sms: true } });
  expect(put.statusCode, put.body).toBe(200);
  const leader = await admin.post('/api/users', { username: 'liu-fsz', displayName: '刘副市长', role: 'leader', password: DEMO_PASSWORD });
  expect(leader.statusCode, leader.body).toBe(201);

  taskId = await taskIn(home, '2021-10-11');
});

afterAll(async () => {
  channels?.email?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  await t?.close();
});

describe('reminders of supervised tasks', () => {
  it('plans the 临近提醒 three working days before the deadline, counting across the National Day holiday', async () => {
    expect(await planReminders(t.db, at('2021-09-29'))).toEqual({ planned: 0, cancelled: 0 });
    // Working days before Monday 11 October: Sat 9th (make-up day), Fri 8th, then back over the holiday to Thu 30 September.
    expect((await planReminders(t.db, at('2021-09-30', 7))).planned).toBe(4);
    const reporter = await userIdOf('430421-reporter');
    const webhook = (await t.db.query<{ id: number }>('select id from webhooks'))[0]!.id;
    expect((await jobs(taskId)).map((j) => `${j.kind} ${j.due_date} ${j.recipient} ${j.channel}`)).toEqual([
      `approaching 2021-09-30 user:${reporter} inbox`,
      `approaching 2021-09-30 user:${reporter} email`,
      `approaching 2021-09-30 user:${reporter} sms`,
      `approaching 2021-09-30 webhook:${webhook} webhook`,
    ]);
    // The queue as the supervision office reads it.
    const supervisor = await login(t.app, 'supervisor');
    const queue = (await supervisor.get(`/api/reminders?taskId=${taskId}`)).json() as { items: { status: string; dueAt: string }[]; counts: Record<string, number> };
    expect(queue.counts).toEqual({ pending: 4 });
    expect(queue.items[0]!.dueAt).toBe('2021-09-30T01:00:00.000Z'); // 09:00 China time
  });

  it('plans nothing new when the planner runs again, through the holiday and by racing instances', async () => {
    expect((await planReminders(t.db, at('2021-09-30', 11))).planned).toBe(0);
    for (const day of ['2021-10-01', '2021-10-04', '2021-10-07', '2021-10-08', '2021-10-09']) {
      const both = await Promise.all([planReminders(t.db, at(day)), planReminders(t.db, at(day))]);
      expect(both.map((r) => r.planned), day).toEqual([0, 0]);
    }
    expect(await jobs(taskId)).toHaveLength(4);
  });

  it('two workers racing send each reminder once', async () => {
    // Before 09:00 nothing is due yet.
    expect((await sendDueReminders(t.db, channels, at('2021-09-30', 8))).sent).toBe(0);
    // On PostgreSQL the second worker has its own connections, as another instance would.
    const other: Database = t.db.kind === 'postgresql' ? await openDatabase({ databaseUrl: t.config.databaseUrl, dataDir: ':memory:' }) : t.db;
    try {
      const now = at('2021-09-30');
      const [a, b] = await Promise.all([
        sendDueReminders(t.db, channels, now, { workerId: 'a', batch: 1 }),
        sendDueReminders(other, newChannels(), now, { workerId: 'b', batch: 1 }),
      ]);
      expect(a.sent + b.sent).toBe(4);
      expect(a.failed + b.failed + a.retrying + b.retrying).toBe(0);
    } finally {
      if (other !== t.db) await other.close();
    }
    expect((await jobs(taskId)).map((j) => [j.status, j.attempts])).toEqual(Array(4).fill(['sent', 1]));
    expect(mails).toHaveLength(1);
    expect(hooks).toHaveLength(1);
    expect(await smsCount()).toBe(1);
    const [sms] = await t.db.query<{ phone_masked: string; body: string }>('select phone_masked, body from sms_outbox');
    expect(sms).toMatchObject({ phone_masked: '138****0001' });
    expect(sms!.body).toMatch(/^【临近提醒】背街小巷改造/);
  });

  it('after a restart a new worker sends nothing again', async () => {
    const restarted = newChannels();
    try {
      for (const when of [at('2021-09-30', 11), at('2021-10-08', 10)]) {
        const r = await sendDueReminders(t.db, restarted, when, { workerId: 'after-restart' });
        expect(r).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0, cancelled: 0, recovered: 0 });
      }
    } finally {
      restarted.email?.close();
    }
    expect(mails).toHaveLength(1);
    expect(hooks).toHaveLength(1);
    expect(await smsCount()).toBe(1);
  });

  it('emails the reminder to the local SMTP sink, with a Message-ID made from its idempotency key', async () => {
    const [mail] = mails;
    const email = (await jobs(taskId)).find((j) => j.channel === 'email')!;
    expect(mail!.to).toEqual(['reporter@hyx.example.gov.cn']);
    expect(headerOf(mail!.raw, 'Message-ID')).toBe(messageIdFor(email.idempotency_key));
    expect(headerOf(mail!.raw, 'X-Kaoping-Reminder')).toBe(email.idempotency_key);
    expect(subjectOf(mail!.raw)).toBe('【临近提醒】背街小巷改造');
  });

  it('posts the reminder to the webhook with a signature that verifies', async () => {
    const [hook] = hooks;
    const job = (await jobs(taskId)).find((j) => j.channel === 'webhook')!;
    const headers = { signature: hook!.headers[SIGNATURE_HEADER] as string, timestamp: hook!.headers[TIMESTAMP_HEADER] as string };
    expect(verifySignature(secret, headers, hook!.body, at('2021-09-30'))).toBe(true);
    expect(verifySignature(secret, headers, hook!.body.replace('背街', '前街'), at('2021-09-30'))).toBe(false);
    expect(hook!.headers[IDEMPOTENCY_HEADER]).toBe(job.idempotency_key);
    expect(hook!.headers['x-kaoping-event']).toBe('reminder.approaching');
    const body = JSON.parse(hook!.body) as { id: string; type: string; reminder: { dueDate: string }; task: { id: number; deadline: string; leadUnit: { code: string } } };
    expect(body).toMatchObject({ id: job.idempotency_key, type: 'reminder.approaching', reminder: { dueDate: '2021-09-30' }, task: { id: taskId, deadline: '2021-10-11', leadUnit: { code: '430421' } } });
  });

  it('presses on the deadline day and escalates to the unit head, whose inbox lists it', async () => {
    const planned = await Promise.all([planReminders(t.db, at('2021-10-11', 7)), planReminders(t.db, at('2021-10-11', 7))]);
    expect(planned[0].planned + planned[1].planned).toBe(4); // 到期催办 to the reporter (inbox, email, SMS) and the webhook
    expect((await planReminders(t.db, at('2021-10-12'))).planned).toBe(0); // every 2 working days: next on the 13th
    expect((await sendDueReminders(t.db, channels, at('2021-10-12'))).sent).toBe(4);

    const head = await login(t.app, '430421-head');
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
    const reporter = await login(t.app, '430421-reporter');
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
    await planReminders(t.db, at('2021-10-15', 7));
    await sendDueReminders(t.db, channels, at('2021-10-15'));
    expect((await jobs(taskId)).filter((j) => j.kind === 'escalation_office')).toHaveLength(0);

    await planReminders(t.db, at('2021-10-18', 7));
    const office = (await jobs(taskId)).filter((j) => j.kind === 'escalation_office');
    const [liu, supervisor] = [await userIdOf('liu-fsz'), await userIdOf('supervisor')];
    const webhook = (await t.db.query<{ id: number }>('select id from webhooks where unit_id = $1', [home]))[0]!.id;
    expect(office.map((j) => `${j.recipient} ${j.channel}`).sort()).toEqual([`user:${liu} inbox`, `user:${supervisor} inbox`, `webhook:${webhook} webhook`].sort());
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
    await planReminders(t.db, at('2021-10-19', 7));
    const pending = (await jobs(taskId)).filter((j) => j.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    await t.db.query(`update tasks set status = 'closed', closed_at = now() where id = $1`, [taskId]);
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
