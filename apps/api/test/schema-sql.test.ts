import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { dumpSchema } from '../src/db/schema-dump.js';
import { SCHEMA_FILE } from '../src/db/write-schema.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

let tdb: TestDatabase;
let db: Database;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  await migrate(db);
});
afterAll(async () => {
  await db.close();
  await tdb.drop();
});

it('apps/api/schema.sql is the database the migrations make (run `npm run schema` after adding one)', async () => {
  expect(await dumpSchema(db)).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
});
