import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { campaignCreateSchema } from '@kaoping/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { insertInvitations } from '../src/modules/campaigns/campaigns.repository.js';
import { createCampaign, setStatus } from '../src/modules/campaigns/campaigns.service.js';
import { Privacy } from '../src/modules/privacy/privacy.js';
import { issueServed } from '../src/modules/campaigns/served.js';
import { randomSecret, sha256 } from '../src/lib/tokens.js';
import { seedDemo } from '../src/seed/seed-demo.js';
import { buildApi, startServer as startBuiltServer } from './server-process.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

const SLUG = 'crash-2021';
const TOKENS = 3000;
const WORKERS = 40;
/** The server is killed once it has acknowledged this many submissions (or after KILL_AFTER_MS). */
const KILL_AT_ACKS = 150;
const KILL_AFTER_MS = 8_000;
const SYSTEM = { actorId: null, actorName: 'test' };

/** The real server process, as `npm start` runs it, on the test's PostgreSQL database. */
function startServer(databaseUrl: string, port: number) {
  return startBuiltServer({ DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO_SEED: 'never', SCORE_SCHEDULE_HOUR: 'off', LOG_LEVEL: 'warn' });
}

async function waitUntilUp(base: string, server: ReturnType<typeof startServer>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (server.child.exitCode !== null || Date.now() > end) throw new Error(`server did not come up:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Submission {
  token: string;
  body: { verification: { mode: 'invitation'; token: string }; submissionKey: string; served: string; answers: { unitId: number; answer: string; reason?: string; suggestion?: string }[] };
  /** 'acked': the server answered 201/200 with a receipt; 'unknown': sent, no answer (the kill). */
  outcome?: 'acked' | 'unknown';
  receipt?: string;
}

const post = (base: string, body: object) =>
  fetch(`${base}/api/p/${SLUG}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });

// PGlite is an embedded single-process database: the server holds it in its own process, so there is
// no database that outlives a killed server to check. This test needs PostgreSQL (DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)('a server killed while citizens submit', () => {
  let tdb: TestDatabase;
  let db: Database;
  let server: ReturnType<typeof startServer> | undefined;
  const servers: ChildProcess[] = [];
  const submissions: Submission[] = [];
  let base = '';

  beforeAll(async () => {
    buildApi();
    tdb = await createTestDatabase();
    db = await openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: ':memory:' });
    await migrate(db);
    await seedDemo(db, { assessment: false });
    const now = Date.now();
    const c = await createCampaign(
      db,
      campaignCreateSchema.parse({ slug: SLUG, name: '崩溃测试', year: 2021, startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), modes: ['invitation'] }),
      null,
      SYSTEM,
    );
    await setStatus(db, c.id, 'open', SYSTEM);
    const units = (await db.query<{ unit_id: number }>('select unit_id from campaign_units where campaign_id = $1', [c.id])).map((r) => r.unit_id);
    const tokens = Array.from({ length: TOKENS }, () => randomSecret().slice(0, 22));
    const privacy = new Privacy(db, undefined);
    await insertInvitations(db, c.id, 'crash', tokens.map(sha256));
    for (const [i, token] of tokens.entries()) {
      const answers = units
        .filter((_, j) => (j + i) % 7 === 0)
        .map((unitId, j) => ({
          unitId,
          answer: ['satisfied', 'basicallySatisfied', 'dissatisfied', 'unaware'][(i + j) % 4]!,
          ...((i + j) % 4 === 2 ? { reason: '办事排队太久' } : {}),
          ...(j === 0 && i % 3 === 0 ? { suggestion: `建议 ${i}：延长周末办事时间` } : {}),
        }));
      // Each citizen's page was served its questionnaire (the server process keys tokens with the same database key).
      const submissionKey = randomBytes(16).toString('hex');
      submissions.push({ token, body: { verification: { mode: 'invitation', token }, submissionKey, served: await issueServed(privacy, c.id, submissionKey, now - 120_000), answers } });
    }
    base = `http://127.0.0.1:${20000 + Math.floor(Math.random() * 20000)}`;
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
    await db?.close();
    await tdb?.drop();
  });

  it('keeps every acknowledged submission exactly once, and answers its retry with the same receipt', async () => {
    server = startServer(tdb.databaseUrl!, Number(new URL(base).port));
    servers.push(server.child);
    await waitUntilUp(base, server);

    // Citizens submit concurrently; the server is killed (no drain, no shutdown) in the middle of it.
    let next = 0;
    let acks = 0;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      server!.child.kill('SIGKILL');
    };
    const timer = setTimeout(kill, KILL_AFTER_MS);
    const worker = async () => {
      while (!killed && next < submissions.length) {
        const s = submissions[next++]!;
        s.outcome = 'unknown';
        try {
          const res = await post(base, s.body);
          const json = (await res.json()) as { receipt?: string };
          if ((res.status === 201 || res.status === 200) && json.receipt) {
            s.outcome = 'acked';
            s.receipt = json.receipt;
            if (++acks >= KILL_AT_ACKS) kill();
          } else if (!killed) {
            throw new Error(`unexpected ${res.status}: ${JSON.stringify(json)}`);
          }
        } catch (err) {
          if (!killed) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    clearTimeout(timer);
    expect(await server.exited).toBe('SIGKILL');
    const acked = submissions.filter((s) => s.outcome === 'acked');
    const inDoubt = submissions.filter((s) => s.outcome === 'unknown');
    // Mid-load: some submissions acknowledged, others still in flight when the process died.
    expect(acked.length).toBeGreaterThan(0);
    expect(inDoubt.length).toBeGreaterThan(0);

    // Restarted on the same database.
    server = startServer(tdb.databaseUrl!, Number(new URL(base).port));
    servers.push(server.child);
    await waitUntilUp(base, server);

    // Every acknowledged receipt is stored once, for its own invitation, with exactly its answers and suggestions.
    const stored = await db.query<{ receipt: string; token_hash: string; answers: string[]; suggestions: number }>(
      `select r.receipt, i.token_hash,
              array(select a.unit_id || ':' || a.answer from response_answers a where a.response_id = r.id order by a.unit_id) as answers,
              (select count(*)::int from suggestions s where s.response_id = r.id) as suggestions
         from responses r join invitations i on r.identity = 'inv:' || i.id
        where r.receipt = any($1::text[])`,
      [acked.map((s) => s.receipt!)],
    );
    expect(stored).toHaveLength(acked.length);
    const byReceipt = new Map(stored.map((r) => [r.receipt, r]));
    for (const s of acked) {
      const row = byReceipt.get(s.receipt!);
      expect(row, `receipt ${s.receipt} acknowledged but not stored`).toBeDefined();
      expect(row!.token_hash).toBe(sha256(s.token));
      expect(row!.answers).toEqual([...s.body.answers].sort((a, b) => a.unitId - b.unitId).map((a) => `${a.unitId}:${a.answer}`));
      expect(row!.suggestions).toBe(s.body.answers.filter((a) => a.suggestion).length);
    }

    // No invitation has two responses, and nothing was stored that was never sent.
    const [counts] = await db.query<{ responses: number; identities: number }>('select count(*)::int as responses, count(distinct identity)::int as identities from responses');
    expect(counts!.responses).toBe(counts!.identities);
    expect(counts!.responses).toBeGreaterThanOrEqual(acked.length);
    expect(counts!.responses).toBeLessThanOrEqual(acked.length + inDoubt.length);

    // A retry of an acknowledged submission gets the same receipt back.
    for (const s of acked) {
      const res = await post(base, s.body);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ receipt: s.receipt, repeated: true, units: s.body.answers.length });
    }
    // A submission cut off by the kill is settled by its retry: stored once, either then or before.
    for (const s of inDoubt) {
      const res = await post(base, s.body);
      expect([200, 201]).toContain(res.status);
      s.receipt = ((await res.json()) as { receipt: string }).receipt;
    }
    const [after] = await db.query<{ responses: number; found: number }>(
      'select (select count(*)::int from responses) as responses, (select count(*)::int from responses where receipt = any($1::text[])) as found',
      [[...acked, ...inDoubt].map((s) => s.receipt!)],
    );
    expect(after).toEqual({ responses: acked.length + inDoubt.length, found: acked.length + inDoubt.length });

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 90_000);
});
