import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROLES, userCreateSchema, type Role } from '@kaoping/shared';
import { ConfigError, loadConfig } from './config.js';
import { backup, BackupError, restore } from './db/backup.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { AppError, validationError } from './errors.js';
import { verifyAuditChain } from './modules/audit/audit.service.js';
import { findUnitByCode } from './modules/units/units.repository.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './modules/open311/open311.service.js';
import { createUser } from './modules/users/users.service.js';
import { schemeToWorkbook } from './modules/schemes/scheme-excel.js';
import { documentText, getScheme, importScheme, listSchemes, parseSchemeInput, publishScheme } from './modules/schemes/schemes.service.js';
import { DEMO_PASSWORD, seedDemo } from './seed/seed-demo.js';
import { FULL_RESPONDENTS, QUICK_RESPONDENTS } from './seed/seed-public-evaluation.js';

const HELP = `kaoping — Kaoping 考评 command line

  kaoping migrate                      apply pending database migrations
  kaoping seed --demo [--scale full]   load the Hengyang demo into an empty database; --scale full simulates
                                       all 132,151 participants of the 2021 public evaluation (takes minutes)
  kaoping user add --username U --name N --role R [--unit CODE] --password P
                                       create an account (roles: ${ROLES.join(', ')})
  kaoping audit verify                 check the audit trail's hash chain; exit 1 at the first broken link
  kaoping backup FILE                  back up the database: the embedded one as a .tar.gz of its directory,
                                       PostgreSQL with pg_dump (custom format); migrations are not run first
  kaoping restore FILE [--force]       restore a backup of the same kind of database; a database that holds
                                       tables is replaced only with --force (the old one is kept: moved aside
                                       or backed up beside FILE)
  kaoping scheme import FILE [--publish]
                                       import an assessment scheme (.yaml, .json or .xlsx) as a draft, optionally publish it
  kaoping scheme export CODE [--format yaml|json|xlsx] [--out FILE]
                                       write the newest version of a scheme
  kaoping open311-key issue --name N   issue an Open311 api_key to a client (printed once; needed to file
                                       requests when OPEN311_API_KEYS=required)
  kaoping open311-key list             list the issued keys (never the keys themselves)
  kaoping open311-key revoke ID        revoke a key

The database is DATABASE_URL (PostgreSQL) or, if unset, the embedded one in DATA_DIR (default ./data).`;

const CLI_AUDIT = { actorId: null, actorName: 'cli' };

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Runs one command; returns the process exit code. Errors are printed as one readable line. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof BackupError) console.error(err.message);
    else if (err instanceof AppError) console.error(`${err.code}: ${err.message}`);
    else console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

async function runCommand(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    console.log(HELP);
    return 0;
  }
  if (cmd === 'migrate') {
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrate(db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    } finally {
      await db.close();
    }
    return 0;
  }
  if (cmd === 'seed') {
    const { values } = parseArgs({ args: [sub ?? '', ...rest].filter(Boolean), options: { demo: { type: 'boolean' }, scale: { type: 'string' } } });
    if (!values.demo || (values.scale !== undefined && values.scale !== 'quick' && values.scale !== 'full')) {
      console.error('Usage: kaoping seed --demo [--scale quick|full]');
      return 2;
    }
    const respondents = values.scale === 'full' ? FULL_RESPONDENTS : QUICK_RESPONDENTS;
    if (values.scale === 'full') console.log(`Simulating ${respondents.toLocaleString('en')} participants of the 2021 public evaluation; this takes a few minutes…`);
    const res = await withDb((db) => seedDemo(db, { respondents }));
    if (!res.seeded) {
      console.log(`The database already has ${res.units} units; the demo is loaded only into an empty database.`);
      return 0;
    }
    console.log(`Loaded the Hengyang demo: ${res.units} units, ${res.users} accounts (password "${DEMO_PASSWORD}").`);
    return 0;
  }
  if (cmd === 'user' && sub === 'add') {
    const { values } = parseArgs({
      args: rest,
      options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, password: { type: 'string' } },
    });
    if (!values.username || !values.role || !values.password) {
      console.error('Usage: kaoping user add --username U --name N --role R [--unit CODE] --password P');
      return 2;
    }
    if (!ROLES.includes(values.role as Role)) {
      console.error(`Unknown role "${values.role}". Roles: ${ROLES.join(', ')}`);
      return 2;
    }
    return withDb(async (db) => {
      let unitId: number | null = null;
      if (values.unit) {
        const unit = await findUnitByCode(db, values.unit);
        if (!unit) {
          console.error(`No unit with code "${values.unit}".`);
          return 2;
        }
        unitId = unit.id;
      }
      const input = userCreateSchema.safeParse({ username: values.username, displayName: values.name ?? values.username, role: values.role, unitId, password: values.password });
      if (!input.success) throw validationError(input.error, 'user');
      const user = await createUser(db, input.data, CLI_AUDIT);
      console.log(`Created user ${user.username} (${user.role}${user.unit ? `, ${user.unit.name}` : ''}).`);
      return 0;
    });
  }
  if (cmd === 'audit' && sub === 'verify') {
    return withDb(async (db) => {
      const res = await verifyAuditChain(db);
      if (res.ok) {
        console.log(`Audit trail intact: ${res.checked} entries verified.`);
        return 0;
      }
      console.error(`Audit trail BROKEN at entry ${res.firstBroken!.id}: ${res.firstBroken!.reason} (${res.checked} entries before it are intact).`);
      return 1;
    });
  }
  if (cmd === 'backup' || cmd === 'restore') {
    const { values, positionals } = parseArgs({ args: [sub ?? '', ...rest].filter(Boolean), allowPositionals: true, options: { force: { type: 'boolean' } } });
    const [file, ...extra] = positionals;
    if (!file || extra.length || (cmd === 'backup' && values.force)) {
      console.error(cmd === 'backup' ? 'Usage: kaoping backup FILE' : 'Usage: kaoping restore FILE [--force]');
      return 2;
    }
    const config = loadConfig();
    if (cmd === 'backup') console.log(await backup(config, file));
    else for (const line of await restore(config, file, { force: values.force ?? false })) console.log(line);
    return 0;
  }
  if (cmd === 'scheme' && (sub === 'import' || sub === 'export')) return runSchemeCommand(sub, rest);
  if (cmd === 'open311-key' && (sub === 'issue' || sub === 'list' || sub === 'revoke')) return runOpen311KeyCommand(sub, rest);
  console.error(`Unknown command: ${argv.join(' ')}\n\n${HELP}`);
  return 2;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) process.exit(await runCli(process.argv.slice(2)));

async function runSchemeCommand(sub: 'import' | 'export', rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { publish: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
  });
  const target = positionals[0];
  if (!target) {
    console.error(sub === 'import' ? 'Usage: kaoping scheme import FILE [--publish]' : 'Usage: kaoping scheme export CODE [--format yaml|json|xlsx] [--out FILE]');
    return 2;
  }
  return withDb(async (db) => {
    if (sub === 'import') {
      const raw = readFileSync(target);
      const body = /\.xlsx$/i.test(target) ? raw : /\.json$/i.test(target) ? (JSON.parse(raw.toString('utf8')) as unknown) : raw.toString('utf8');
      try {
        let scheme = await importScheme(db, await parseSchemeInput(body), null, CLI_AUDIT);
        if (values.publish) scheme = await publishScheme(db, scheme.id, null, CLI_AUDIT);
        console.log(`Scheme ${scheme.code} version ${scheme.version} (${scheme.leafCount} leaf indicators) saved as ${scheme.status}.`);
        return 0;
      } catch (err) {
        if (err instanceof AppError && Array.isArray(err.details)) {
          console.error(`${target}: ${err.details.length} problem(s):`);
          for (const d of err.details as { path: string; message: string }[]) console.error(`  ${d.path}: ${d.message}`);
          return 1;
        }
        throw err;
      }
    }
    const rows = (await listSchemes(db)).filter((s) => s.code === target);
    const newest = rows[0];
    if (!newest) {
      console.error(`No scheme with code "${target}".`);
      return 2;
    }
    const doc = (await getScheme(db, newest.id)).document!;
    const format = (values.format ?? 'yaml') as 'yaml' | 'json' | 'xlsx';
    const data = format === 'xlsx' ? await schemeToWorkbook(doc) : documentText(doc, format === 'json' ? 'json' : 'yaml');
    if (values.out) writeFileSync(values.out, data);
    else process.stdout.write(data);
    return 0;
  });
}

async function runOpen311KeyCommand(sub: 'issue' | 'list' | 'revoke', rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' } } });
  if (sub === 'issue' && !values.name) {
    console.error('Usage: kaoping open311-key issue --name "client name"');
    return 2;
  }
  const id = Number(positionals[0]);
  if (sub === 'revoke' && !(Number.isInteger(id) && id > 0)) {
    console.error('Usage: kaoping open311-key revoke ID (see kaoping open311-key list)');
    return 2;
  }
  return withDb(async (db) => {
    if (sub === 'issue') {
      const { key, apiKey } = await issueApiKey(db, values.name!, CLI_AUDIT);
      console.log(`Issued Open311 key #${apiKey.id} to ${apiKey.name}. Give the client this api_key; it is not shown again:\n${key}`);
    } else if (sub === 'revoke') {
      const apiKey = await revokeApiKey(db, id, CLI_AUDIT);
      console.log(`Revoked Open311 key #${apiKey.id} (${apiKey.name}).`);
    } else {
      const keys = await listApiKeys(db);
      if (keys.length === 0) console.log('No Open311 keys issued.');
      for (const k of keys) console.log(`#${k.id}\t${k.name}\tissued ${k.createdAt}\t${k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`}`);
    }
    return 0;
  });
}
