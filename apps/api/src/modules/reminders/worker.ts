import { randomUUID } from 'node:crypto';
import { REMINDER_KIND_LABELS, type ReminderKind } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import type { ReminderChannels } from './channels.js';
import * as repo from './reminders.repository.js';

export interface SendOptions {
  /** Names this worker in the queue (claimed_by); a fresh one per process. */
  workerId?: string;
  /** Reminders claimed at a time. */
  batch?: number;
  /** A reminder claimed longer ago than this is taken to belong to a worker that died mid-send. */
  leaseMs?: number;
  /** Tries before a reminder is given up as failed. */
  maxAttempts?: number;
}

export interface SendResult {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** Found interrupted mid-send: requeued (email, webhook) or left uncertain (SMS). */
  recovered: number;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const MAX_ROUNDS = 20;

const backoff = (attempts: number) => Math.min(60, 2 ** (attempts - 1)) * 60_000;
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * The worker pass: sends every reminder due by `now`, once.
 *
 * Inbox reminders are written and marked sent in one transaction. For the other channels the
 * attempt is recorded (status `sending`, claimed with `for update skip locked`, so racing
 * workers never take the same reminder) before anything is sent, and marked `sent` after. A
 * worker that dies in between leaves the reminder `sending`; once the lease has run out the next
 * pass sends an email or webhook again under the same idempotency key (Message-ID,
 * Idempotency-Key header) so the receiver can drop the repeat, and marks an SMS `uncertain`
 * rather than risk a second text.
 */
export async function sendDueReminders(db: Database, channels: ReminderChannels, now: Date, opts: SendOptions = {}): Promise<SendResult> {
  const worker = opts.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const batch = opts.batch ?? 50;
  const maxAttempts = opts.maxAttempts ?? 5;
  const result: SendResult = { sent: 0, retrying: 0, failed: 0, skipped: 0, cancelled: 0, recovered: 0 };

  result.recovered = (await repo.recoverInterrupted(db, now, new Date(now.getTime() - (opts.leaseMs ?? DEFAULT_LEASE_MS)))).length;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const claim = `${worker}/${randomUUID().slice(0, 8)}`;
    const inbox = await db.transaction((tx) => repo.deliverInbox(tx, now, batch, claim));
    result.sent += inbox;
    const claimed = await repo.claimExternal(db, now, batch, claim);
    if (!claimed.length) {
      if (inbox < batch) break;
      continue;
    }
    const context = new Map((await repo.findSendContext(db, claimed.map((j) => j.id))).map((c) => [c.id, c]));
    for (const job of claimed) {
      const c = context.get(job.id)!;
      const settle = (outcome: Parameters<typeof repo.settle>[3]) => repo.settle(db, job.id, claim, outcome);
      if (job.task_id !== null && !repo.OPEN_STATUSES.includes(c.task_status ?? '')) {
        await settle({ status: 'cancelled', at: now, error: 'the task is no longer open' });
        result.cancelled++;
        continue;
      }
      if (job.kind === 'bulletin_unsigned' && c.bulletin_signed) {
        await settle({ status: 'cancelled', at: now, error: 'the unit has signed for the bulletin' });
        result.cancelled++;
        continue;
      }
      const off = skipReason(job, c, channels);
      if (off) {
        await settle({ status: off.status, at: now, error: off.why });
        result[off.status === 'skipped' ? 'skipped' : 'cancelled']++;
        continue;
      }
      try {
        await deliver(db, job, c, channels, now);
        if (await settle({ status: 'sent', at: now })) result.sent++;
      } catch (err) {
        if (job.attempts >= maxAttempts) {
          await settle({ status: 'failed', at: now, error: errorText(err) });
          result.failed++;
        } else {
          await settle({ status: 'pending', at: now, error: errorText(err), retryAt: new Date(now.getTime() + backoff(job.attempts)) });
          result.retrying++;
        }
      }
    }
  }
  return result;
}

function skipReason(job: repo.ClaimedJob, c: repo.SendContextRow, ch: ReminderChannels): { status: 'skipped' | 'cancelled'; why: string } | null {
  switch (job.channel) {
    case 'email':
      if (!ch.email) return { status: 'skipped', why: 'email is off (SMTP_URL is not set)' };
      if (!c.email) return { status: 'skipped', why: 'the recipient has no email address' };
      return null;
    case 'sms':
      if (!ch.sms) return { status: 'skipped', why: 'SMS is off' };
      if (!c.phone) return { status: 'skipped', why: 'the recipient has no mobile number' };
      return null;
    case 'webhook':
      if (!ch.webhook) return { status: 'skipped', why: 'webhooks are off' };
      if (!c.webhook_active || !c.webhook_url || !c.webhook_secret) return { status: 'cancelled', why: 'webhook removed' };
      return null;
  }
}

async function deliver(db: Database, job: repo.ClaimedJob, c: repo.SendContextRow, ch: ReminderChannels, now: Date): Promise<void> {
  switch (job.channel) {
    case 'email':
      return ch.email!.send({
        to: c.email!,
        subject: job.title,
        text: `${job.body}\n\n（本邮件由考评系统${job.bulletin_id !== null ? '通报' : '督查提醒'}自动发送）`,
        idempotencyKey: job.idempotency_key,
      });
    case 'sms':
      return ch.sms!.send(db, c.phone!, `${job.title}${job.body}`);
    case 'webhook': {
      const event = `reminder.${job.kind}`;
      const body = JSON.stringify({
        id: job.idempotency_key,
        type: event,
        createdAt: now.toISOString(),
        reminder: { kind: job.kind, label: REMINDER_KIND_LABELS[job.kind as ReminderKind], dueDate: job.due_date, title: job.title, body: job.body },
        task: {
          id: job.task_id,
          title: c.task_title,
          deadline: c.task_deadline,
          status: c.task_status,
          responsibleLeader: c.responsible_leader,
          leadUnit: { id: c.lead_unit_id, code: c.lead_unit_code, name: c.lead_unit_name },
        },
      });
      return ch.webhook!.send({ url: c.webhook_url!, secret: c.webhook_secret!, event, body, idempotencyKey: job.idempotency_key }, now);
    }
  }
}
