import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/seed/seed-demo.js';

/**
 * The whole product (API and the built admin UI) listening on a free port of 127.0.0.1,
 * on a fresh in-memory database with the Hengyang demo: what the browser tests drive.
 */
export async function startTestServer(
  opts: { demo?: boolean; assessment?: boolean; env?: Record<string, string> } = {},
): Promise<{ url: string; db: Database; close(): Promise<void> }> {
  const config = loadConfig({ DATA_DIR: ':memory:', LOG_LEVEL: 'silent', LOGIN_RATE_PER_IP: '100000', ...opts.env });
  const db = await openDatabase({ dataDir: ':memory:' });
  await migrate(db);
  if (opts.demo !== false) await seedDemo(db, { assessment: opts.assessment ?? true });
  const app = await buildApp({ config, db, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    // The database itself, for a browser test that must make time pass (a deadline) rather than a request.
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
