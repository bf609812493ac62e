import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWebhookChannel } from '../src/modules/reminders/channels.js';
import { WebhookTargets } from '../src/modules/reminders/webhook-target.js';
import { buildTestApp, login, type Client, type TestApp } from './helpers.js';

/**
 * Server-side request forgery: a webhook is a URL the server will POST to. Targets on this machine,
 * the local network, link-local (cloud metadata) and other non-public ranges are refused, at
 * registration and again at every send, unless WEBHOOK_ALLOW_NETWORKS names the network.
 */

let t: TestApp;
let admin: Client;
let receiver: Server;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  t = await buildTestApp({ env: { WEBHOOK_ALLOW_NETWORKS: '10.20.0.0/16' } });
  admin = await login(t.app, 'admin');
  receiver = createServer((req, res) => {
    received.push(req.url ?? '');
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  receiver.close();
  await t.close();
});

const register = (url: string) => admin.post('/api/webhooks', { name: 'SSRF 测试', url });

describe('registering a webhook', () => {
  it.each([
    'http://127.0.0.1:9/hook',
    'http://localhost:9/hook', // a name that resolves to this machine
    'http://169.254.169.254/latest/meta-data/', // a cloud's metadata service
    'http://10.1.2.3/hook',
    'http://192.168.1.1/hook',
    'http://172.16.0.9/hook',
    'http://[::1]:8080/hook',
    'http://[::ffff:127.0.0.1]/hook', // IPv4 in IPv6 clothing
    'http://[fd00::1]/hook',
    'http://0.0.0.0:9/hook',
  ])('refuses %s, saying which setting would allow it', async (url) => {
    const res = await register(url);
    expect(res.statusCode, res.body).toBe(400);
    const error = (res.json() as { error: { message: string; details: { path: string }[] } }).error;
    expect(error.message).toContain('WEBHOOK_ALLOW_NETWORKS');
    expect(error.details[0]!.path).toBe('body.url');
  });

  it('takes a private network the setting names, and nothing next to it', async () => {
    expect((await register('http://10.20.1.5/hook')).statusCode).toBe(201);
    expect((await register('http://10.21.0.1/hook')).statusCode).toBe(400);
  });

  it('takes a public address', async () => {
    expect((await register('https://203.0.113.10/kaoping')).statusCode).toBe(201);
  });
});

describe('sending a webhook', () => {
  const delivery = (url: string) => ({ url, secret: 'whsec_test', event: 'reminder.test', body: '{}', idempotencyKey: 'ssrf-test' });

  it('is refused at send time too: a stored target on this machine is not reached', async () => {
    const closed = httpWebhookChannel(new WebhookTargets([]));
    await expect(closed.send(delivery(`http://127.0.0.1:${port}/by-address`), new Date())).rejects.toThrow(/WEBHOOK_ALLOW_NETWORKS/);
    // By name too: the socket gets only addresses that passed the check.
    await expect(closed.send(delivery(`http://localhost:${port}/by-name`), new Date())).rejects.toThrow(/WEBHOOK_ALLOW_NETWORKS/);
    expect(received).toEqual([]);
  });

  it('reaches a local receiver when the setting allows this machine', async () => {
    const open = httpWebhookChannel(new WebhookTargets(['127.0.0.0/8', '::1']));
    await open.send(delivery(`http://localhost:${port}/allowed`), new Date());
    expect(received).toEqual(['/allowed']);
  });
});
