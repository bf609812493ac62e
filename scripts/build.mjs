#!/usr/bin/env node
// `npm run build`: compiles the API (with packages/shared and packages/scoring) to JavaScript in their
// dist/ folders and builds the admin UI and the citizens' page. `--if-needed` (what `npm start` runs)
// skips a part whose last build started after every one of its inputs last changed, so a second start
// is quick. Name parts to build only those: `node scripts/build.mjs --if-needed api`.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Under node_modules, so that a fresh `npm ci` (new dependencies) also means a fresh build.
const STATE = join(ROOT, 'node_modules/.cache/kaoping-build');

const npm = (workspace) => ['npm', ['run', 'build', '-w', workspace]];

/** The three parts: what each is built from, the file whose presence shows it was built, how to build it. */
export const PARTS = {
  api: {
    label: 'API',
    inputs: ['tsconfig.base.json', 'apps/api/tsconfig.build.json', 'apps/api/src', ...['shared', 'scoring'].flatMap((p) => [`packages/${p}/src`, `packages/${p}/package.json`, `packages/${p}/tsconfig.build.json`])],
    output: 'apps/api/dist/server.js',
    // tsc --build is incremental by itself; it type-checks as it compiles.
    command: () => [process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '--build', 'apps/api/tsconfig.build.json']],
  },
  admin: {
    label: 'admin UI',
    inputs: ['apps/admin/src', 'apps/admin/public', 'apps/admin/index.html', 'apps/admin/vite.config.ts', 'apps/admin/package.json', 'packages/shared/src', 'scripts/precompress.ts'],
    output: 'apps/admin/dist/index.html',
    command: () => npm('@kaoping/admin'),
  },
  portal: {
    label: "citizens' page",
    inputs: ['apps/portal/src', 'apps/portal/index.html', 'apps/portal/vite.config.ts', 'apps/portal/package.json', 'scripts/precompress.ts'],
    output: 'apps/portal/dist/index.html',
    command: () => npm('@kaoping/portal'),
  },
};

const isTest = (name) => /\.test\.tsx?$/.test(name);

/** The newest modification time (ms) among a part's input files; test files do not count. */
function newestInput(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return; // an optional input (public/) that is not there
    }
    if (st.isDirectory()) for (const f of readdirSync(p)) visit(join(p, f));
    else if (!isTest(p)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) visit(join(ROOT, p));
  return newest;
}

const stampOf = (name) => join(STATE, `${name}.stamp`);

/** True when the part's output exists and its last build started after its inputs last changed. */
export function isCurrent(name) {
  const part = PARTS[name];
  if (!existsSync(join(ROOT, part.output)) || !existsSync(stampOf(name))) return false;
  return statSync(stampOf(name)).mtimeMs >= newestInput(part.inputs);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Several processes may ask for a build at once (test files, a start and a command): one builds, the others wait. */
function withLock(fn) {
  mkdirSync(STATE, { recursive: true });
  const lock = join(STATE, 'lock');
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      writeFileSync(lock, String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lock, 'utf8'));
      // A lock left by a build that was interrupted (Ctrl-C, a killed start) does not block the next one.
      if (holder && !alive(holder)) rmSync(lock, { force: true });
      else Atomics.wait(wait, 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Builds the named parts (all by default); with ifNeeded, only those not current. Returns false on the first failure. */
export function build(names = Object.keys(PARTS), { ifNeeded = false } = {}) {
  return withLock(() => {
    for (const name of names) {
      const part = PARTS[name];
      if (ifNeeded && isCurrent(name)) {
        console.log(`${part.label}: up to date`);
        continue;
      }
      const started = Date.now();
      console.log(`${part.label}: building…`);
      let res;
      try {
        const [cmd, args] = part.command();
        res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
      } catch (err) {
        res = { status: null, error: err };
      }
      if (res.status !== 0) {
        const missing = res.error?.code === 'ENOENT' || res.error?.code === 'MODULE_NOT_FOUND';
        console.error(`${part.label}: ${missing ? 'the build tools are missing: install them with `npm ci` (with the devDependencies)' : 'build failed'}`);
        return false;
      }
      const stamp = stampOf(name);
      writeFileSync(stamp, '');
      // The stamp carries the time the build started: a file saved during the build makes the part stale.
      utimesSync(stamp, started / 1000, started / 1000);
      console.log(`${part.label}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    return true;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in PARTS));
  if (unknown.length) {
    console.error(`Unknown part: ${unknown.join(', ')} (parts: ${Object.keys(PARTS).join(', ')})`);
    process.exit(2);
  }
  process.exit(build(names.length ? names : undefined, { ifNeeded: args.includes('--if-needed') }) ? 0 : 1);
}
