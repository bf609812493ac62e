import http from 'node:http';
import https from 'node:https';
import nodemailer from 'nodemailer';
import type { SmsProvider } from '../sms/sms-provider.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from './signing.js';
import type { WebhookTargets } from './webhook-target.js';

/** One email; the Message-ID is derived from the reminder's idempotency key, so a repeat is recognisable. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  idempotencyKey: string;
}

export interface EmailChannel {
  send(m: EmailMessage): Promise<void>;
  close(): void;
}

export interface WebhookDelivery {
  url: string;
  secret: string;
  event: string;
  /** The JSON body exactly as sent and signed. */
  body: string;
  idempotencyKey: string;
}

export interface WebhookChannel {
  /** Resolves when the subscriber answered 2xx; throws otherwise. */
  send(d: WebhookDelivery, now: Date): Promise<void>;
}

/** How reminders leave Kaoping besides the inbox; a channel that is null is off (its reminders are skipped). */
export interface ReminderChannels {
  email: EmailChannel | null;
  sms: SmsProvider | null;
  webhook: WebhookChannel | null;
}

export const messageIdFor = (idempotencyKey: string) => `<reminder-${idempotencyKey}@kaoping>`;

/** Email over SMTP (SMTP_URL: smtp://user:pass@host:587 or smtps://…:465). */
export function smtpEmailChannel(url: string, from: string): EmailChannel {
  const transport = nodemailer.createTransport(url, {
    // Bounded, so a hung server cannot hold a reminder past the worker's lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(m) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: messageIdFor(m.idempotencyKey),
        headers: { 'X-Kaoping-Reminder': m.idempotencyKey },
      });
    },
    close: () => transport.close(),
  };
}

/** One POST through node's http(s) client, so the socket connects only to addresses `targets` allows; resolves with the status. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, targets: WebhookTargets): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: targets.lookup, signal: AbortSignal.timeout(timeoutMs) },
      (res) => {
        // The answer's body is not needed; reading it frees the connection. Redirects are not followed.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Signed JSON POSTs (see signing.ts); anything but a 2xx answer within the timeout is a failure to
 * retry. Each send checks the target again (`targets`), as its host may resolve elsewhere by now.
 */
export function httpWebhookChannel(targets: WebhookTargets, opts: { timeoutMs?: number } = {}): WebhookChannel {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    async send(d, now) {
      await targets.check(d.url);
      const timestamp = Math.floor(now.getTime() / 1000);
      const status = await post(
        new URL(d.url),
        {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Kaoping-Webhook/1',
          'x-kaoping-event': d.event,
          [IDEMPOTENCY_HEADER]: d.idempotencyKey,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signPayload(d.secret, timestamp, d.body),
        },
        d.body,
        timeoutMs,
        targets,
      );
      if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
    },
  };
}

/** The channels of a running server: email when SMTP is configured, the app's SMS provider, webhooks to the targets allowed. */
export function reminderChannels(smtp: { url: string; from: string } | null, sms: SmsProvider, targets: WebhookTargets): ReminderChannels {
  return { email: smtp ? smtpEmailChannel(smtp.url, smtp.from) : null, sms, webhook: httpWebhookChannel(targets) };
}
