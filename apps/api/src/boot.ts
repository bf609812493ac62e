import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { seedDemo, type SeedResult } from './seed/seed-demo.js';

/**
 * Opens the database and brings its schema up to date. On the embedded database an empty
 * instance gets the Hengyang demo, so `npm start` shows a working product; PostgreSQL is
 * seeded only on `kaoping seed --demo`.
 */
export async function bootDatabase(config: Config): Promise<{ db: Database; applied: string[]; seed: SeedResult | null }> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(db);
    const seed = db.kind === 'pglite' && config.demoSeed === 'auto' ? await seedDemo(db) : null;
    return { db, applied, seed };
  } catch (err) {
    await db.close();
    throw err;
  }
}
