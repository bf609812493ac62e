import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SCREEN_EVENT_KINDS, type ScreenEventKind } from '@kaoping/shared';
import type { Database } from '../../db/database.js';

/** The PostgreSQL channel every instance listens on. */
export const SCREEN_CHANNEL = 'kaoping_screen';

export type ScreenListener = (kinds: ScreenEventKind[]) => void;

export interface ScreenEventsOptions {
  /** PostgreSQL URL: changes are announced with NOTIFY and heard with LISTEN, so every instance's screens hear them. */
  databaseUrl?: string;
  /** Changes made within this window go out as one event (a campaign's peak sends hundreds a second). */
  coalesceMs?: number;
  /** How often, while a screen is open on this instance, lights are recomputed to see one turn by time (a deadline passing). */
  lightCheckMs?: number;
  /** What the lights are now, as a string that changes when any light does. */
  lightFingerprint?: () => Promise<string>;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

const isKind = (k: unknown): k is ScreenEventKind => (SCREEN_EVENT_KINDS as readonly unknown[]).includes(k);

/**
 * Tells the open big screens that their data changed. A write that changes what the screen shows
 * calls `publish`; changes are coalesced and delivered to this instance's screens and, on
 * PostgreSQL, announced with pg_notify to every other instance serving the same database, whose
 * LISTEN connection delivers them to theirs. On the embedded database there is one process, so
 * the in-process delivery is all there is. Lights also change by the clock alone (a deadline
 * passes overnight): while a screen is open, the instance recomputes them every few seconds and
 * tells its screens when any changed.
 */
export class ScreenEvents {
  readonly instance = randomUUID();
  private readonly listeners = new Set<ScreenListener>();
  private readonly pending = new Set<ScreenEventKind>();
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private client: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private lightTimer: NodeJS.Timeout | null = null;
  private lastLights: string | null = null;
  private checking = false;
  private closed = false;
  private readonly coalesceMs: number;
  private readonly lightCheckMs: number;

  constructor(
    private readonly db: Database,
    private readonly opts: ScreenEventsOptions = {},
  ) {
    this.coalesceMs = opts.coalesceMs ?? 2000;
    this.lightCheckMs = opts.lightCheckMs ?? 3000;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * Counts the changes this instance has heard of: a write here (at once), another instance's
   * (when its notice arrives), a light turned by the clock. A screen answer kept under one
   * generation is not served under the next.
   */
  get generation(): number {
    return this.changes;
  }

  private changes = 0;

  /** Something the screen shows changed; delivered within `coalesceMs`. */
  publish(kind: ScreenEventKind): void {
    if (this.closed) return;
    this.changes++;
    this.pending.add(kind);
    if (this.flushTimer) return;
    const wait = Math.max(50, this.lastFlush + this.coalesceMs - Date.now());
    this.flushTimer = setTimeout(() => void this.flush(), wait);
    this.flushTimer.unref();
  }

  private async flush(): Promise<void> {
    this.flushTimer = null;
    this.lastFlush = Date.now();
    const kinds = [...this.pending];
    this.pending.clear();
    if (!kinds.length) return;
    this.deliver(kinds);
    if (this.opts.databaseUrl) {
      await this.db
        .query('select pg_notify($1, $2)', [SCREEN_CHANNEL, JSON.stringify({ from: this.instance, kinds })])
        .catch((err: unknown) => this.opts.log?.('screen: notify failed', { err: String(err) }));
    }
  }

  private deliver(kinds: ScreenEventKind[]): void {
    this.changes++;
    for (const l of this.listeners) l(kinds);
  }

  /** A screen's stream starts listening; the returned function stops it. */
  subscribe(listener: ScreenListener): () => void {
    this.listeners.add(listener);
    if (this.opts.databaseUrl && !this.client) void this.listen();
    this.watchLights();
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stopWatchingLights();
    };
  }

  /** A LISTEN connection of its own (a pooled one would be handed to others between queries). */
  private async listen(): Promise<void> {
    if (this.closed || this.client) return;
    const client = new pg.Client({ connectionString: this.opts.databaseUrl });
    this.client = client;
    const retry = (err: unknown) => {
      this.opts.log?.('screen: LISTEN connection lost; reconnecting', { err: String(err) });
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      if (this.closed || this.reconnect) return;
      this.reconnect = setTimeout(() => {
        this.reconnect = null;
        // What was announced while deaf is not replayed: let the screens reload once.
        void this.listen().then(() => this.deliver(['data']));
      }, 2000);
      this.reconnect.unref();
    };
    client.on('error', retry);
    client.on('notification', (msg) => {
      if (msg.channel !== SCREEN_CHANNEL || !msg.payload) return;
      try {
        const parsed = JSON.parse(msg.payload) as { from?: string; kinds?: unknown[] };
        if (parsed.from === this.instance) return;
        const kinds = (parsed.kinds ?? []).filter(isKind);
        if (kinds.length) this.deliver(kinds);
      } catch {
        // not ours
      }
    });
    try {
      await client.connect();
      await client.query(`listen ${SCREEN_CHANNEL}`);
    } catch (err) {
      retry(err);
    }
  }

  private watchLights(): void {
    const fingerprint = this.opts.lightFingerprint;
    if (!fingerprint || this.lightTimer || this.closed) return;
    const check = async () => {
      if (this.checking) return;
      this.checking = true;
      try {
        const now = await fingerprint();
        if (this.lastLights !== null && now !== this.lastLights) this.deliver(['supervision']);
        this.lastLights = now;
      } catch (err) {
        this.opts.log?.('screen: light check failed', { err: String(err) });
      } finally {
        this.checking = false;
      }
    };
    void check();
    this.lightTimer = setInterval(() => void check(), this.lightCheckMs);
    this.lightTimer.unref();
  }

  private stopWatchingLights(): void {
    if (this.lightTimer) clearInterval(this.lightTimer);
    this.lightTimer = null;
    this.lastLights = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.reconnect) clearTimeout(this.reconnect);
    this.stopWatchingLights();
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
