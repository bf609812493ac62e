import { buildApp } from './app.js';
import { bootDatabase } from './boot.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { demoLoginHelp } from './seed/seed-demo.js';
import { startScoreSchedule } from './jobs/scheduled-scores.js';
import { startBulletinSchedule } from './jobs/bulletins.js';
import { recordReceivedResponses, startVoteLedger } from './modules/campaigns/vote-ledger.js';
import { startReminders } from './jobs/reminders.js';
import { reminderChannels } from './modules/reminders/channels.js';
import { WebhookTargets } from './modules/reminders/webhook-target.js';
import { outboxSmsProvider } from './modules/sms/sms-provider.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { db, applied, seed } = await bootDatabase(config);
  const app = await buildApp({ config, db });
  app.log.info({ database: db.kind, migrationsApplied: applied, demoSeeded: seed?.seeded ?? false }, 'database ready');

  const stopSchedule =
    config.scoreScheduleHour === null ? () => undefined : startScoreSchedule(app.ctx, config.scoreScheduleHour, (msg, extra) => app.log.info(extra ?? {}, msg));
  // The 旬 bulletins' drafts are built at the same hour, after the day's score run.
  const stopBulletins =
    config.scoreScheduleHour === null ? () => undefined : startBulletinSchedule(app.ctx, config.scoreScheduleHour, (msg, extra) => app.log.info(extra ?? {}, msg));

  const stopVoteLedger = startVoteLedger(db, (msg, extra) => app.log.info(extra ?? {}, msg));

  const stopReminders =
    config.reminderIntervalSeconds === null
      ? async () => undefined
      : startReminders(app.ctx, reminderChannels(config.smtp, outboxSmsProvider, new WebhookTargets(config.webhookAllowNetworks)), config.reminderIntervalSeconds * 1000, (msg, extra) => app.log.info(extra ?? {}, msg));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    // app.close stops accepting connections and waits for in-flight requests before the database closes.
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out after 20 s; exiting');
      process.exit(1);
    }, 20_000);
    timer.unref();
    try {
      stopSchedule();
      stopBulletins();
      stopVoteLedger();
      await app.close();
      await stopReminders();
      // Responses taken while draining still enter the audit log before the database closes.
      await recordReceivedResponses(db).catch((err: unknown) => app.log.error({ err }, 'entering responses in the audit log failed'));
      await db.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const shown = `http://localhost:${config.port}`;
  if (db.kind === 'pglite' || seed?.seeded) console.log(`\n${demoLoginHelp(shown)}\n`);
  else console.log(`\nKaoping 考评 is running at ${shown} (PostgreSQL). Load the demo with: npm run kaoping -- seed --demo\n`);
}

main().catch((err: unknown) => {
  console.error('Kaoping failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
