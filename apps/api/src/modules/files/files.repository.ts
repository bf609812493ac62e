import type { Queryable } from '../../db/database.js';

/** Stores a file once by its SHA-256: a second upload of the same bytes reuses the first. */
export async function storeFile(db: Queryable, f: { sha256: string; mime: string; bytes: Buffer }): Promise<void> {
  await db.query('insert into stored_files (sha256, mime, size, content) values ($1, $2, $3, $4) on conflict (sha256) do nothing', [f.sha256, f.mime, f.bytes.length, f.bytes]);
}

export async function readStoredFile(db: Queryable, sha256: string): Promise<Buffer | undefined> {
  const [row] = await db.query<{ content: Uint8Array }>('select content from stored_files where sha256 = $1', [sha256]);
  return row ? Buffer.from(row.content) : undefined;
}
