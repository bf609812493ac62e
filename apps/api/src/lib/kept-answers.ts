import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * Answers that do not change once made — a stored run's rankings, a closed campaign's results —
 * serialised once (with the route's response schema, as any answer) and kept in this process, so
 * twenty readers of a province's rankings cost one build instead of twenty. The key names everything
 * the answer depends on (the run, the reader's language and scope, a stamp of the unit names it
 * shows); a changed stamp makes a new key and the old entry ages out. Each answer carries an ETag,
 * and a browser that sends it back gets 304 without the body.
 *
 * Authorization stays with the caller: `answer` is called only after the route's policy allowed the
 * read, and the key must hold whatever narrows what the reader sees.
 */
export class KeptAnswers {
  private readonly entries = new Map<string, Kept>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /**
   * The kept answer under `key`, or `make()`'s, serialised and kept. Returns what the handler returns:
   * the serialised bytes, typed as the answer.
   */
  async answer<R>(reply: FastifyReply, key: string, make: () => Promise<R>): Promise<R> {
    let kept = this.entries.get(key);
    if (kept) {
      // Most recently used last, so the oldest is dropped first.
      this.entries.delete(key);
      this.entries.set(key, kept);
    } else {
      // The route's own serialiser (its response schema), encoded once: Fastify sends bytes as they are.
      const body = Buffer.from(String(reply.serialize(await make())));
      kept = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      this.keep(key, kept);
    }
    // Unlike other answers (no-store), a browser may keep these and ask again with the ETag: a
    // county office on a slow line then gets 304 instead of the rankings' 342 kB. Private: never a
    // shared cache; the route has authorized the reader before this.
    reply.header('etag', kept.etag).header('cache-control', 'private, no-cache');
    reply.type('application/json; charset=utf-8');
    if (reply.request.headers['if-none-match'] === kept.etag) {
      reply.code(304);
      return Buffer.alloc(0) as unknown as R;
    }
    return kept.body as unknown as R;
  }

  /** How many answers are kept (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, kept: Kept): void {
    const size = kept.body.length;
    if (size > this.maxBytes) return;
    this.entries.set(key, kept);
    this.bytes += size;
    for (const [k, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= old.body.length;
    }
  }
}

interface Kept {
  body: Buffer;
  etag: string;
}
