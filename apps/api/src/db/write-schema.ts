import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';
import { dumpSchema } from './schema-dump.js';

/** `npm run schema`: migrates a fresh in-memory database and writes apps/api/schema.sql from it. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.sql', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const db = await openDatabase({ databaseUrl: undefined, dataDir: ':memory:' });
  await migrate(db);
  writeFileSync(SCHEMA_FILE, await dumpSchema(db));
  await db.close();
  console.log(`wrote ${SCHEMA_FILE}`);
}
