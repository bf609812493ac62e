#!/usr/bin/env node
// The whole test suite, as `npm test` runs it: typecheck, lint, the build, unit and integration tests
// on the embedded database, the integration tests again on PostgreSQL when DATABASE_URL is set, the
// browser tests against the built admin UI and citizens' page, and — when NODE24 names a Node 24
// binary (.ci/run installs one) — the unit and integration tiers again on that Node.
// Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'kaoping-test-'));
let passed = 0;
let failed = 0;
const summary = [];

const VITEST = 'node_modules/vitest/vitest.mjs';
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

function run(label, cmd, args, env = process.env) {
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });
  return res.status === 0;
}

function check(label, cmd, args) {
  const started = Date.now();
  const ok = run(label, cmd, args);
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds(started)})`);
}

/** Runs vitest projects on the given node binary (this one by default) and counts their tests. */
function vitest(label, projects, env, node = process.execPath) {
  const started = Date.now();
  const report = join(out, `${label.replace(/\W+/g, '-')}.json`);
  const args = [VITEST, 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  const ok = run(label, node, args, env);
  if (!existsSync(report)) {
    failed++;
    summary.push(`FAIL ${label}: no report (the runner crashed)`);
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (ok || r.numFailedTests > 0 ? 0 : 1);
  if (r.numTotalTests === 0) {
    failed++;
    summary.push(`FAIL ${label}: ran no test`);
    return;
  }
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped (${seconds(started)})`);
}

const { DATABASE_URL, ...withoutPg } = process.env;

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('typecheck admin', 'npx', ['tsc', '-p', 'apps/admin/tsconfig.json', '--noEmit']);
check('typecheck portal', 'npx', ['tsc', '-p', 'apps/portal/tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
// Built before the tests: the tests of how the API serves the two pages, and those that start the real
// server process, run on the real builds.
check('build API', process.execPath, ['scripts/build.mjs', 'api']);
check('build admin UI', process.execPath, ['scripts/build.mjs', 'admin']);
check("build citizens' page", process.execPath, ['scripts/build.mjs', 'portal']);
vitest('unit + integration (PGlite)', ['unit', 'integration'], withoutPg);
if (DATABASE_URL) vitest('integration (PostgreSQL)', ['integration'], process.env);
else summary.push('---- integration (PostgreSQL): skipped, DATABASE_URL is not set');
vitest('end-to-end (Chromium)', ['e2e'], withoutPg);

// The current LTS as well as the Node this runs on: the same tiers, with that binary first on PATH.
// The no-500 fuzz has run in full above; here it runs 25 cases a route, enough to exercise every
// route on this Node without doubling the longest file of the suite.
const { NODE24 } = process.env;
if (!NODE24) summary.push('---- Node 24: skipped, NODE24 is not set');
else if (!existsSync(NODE24)) {
  failed++;
  summary.push(`FAIL Node 24: NODE24=${NODE24} does not exist`);
} else {
  const version = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const on24 = { PATH: `${dirname(NODE24)}${delimiter}${process.env.PATH ?? ''}`, NO500_RUNS: process.env.NO500_RUNS ?? '25' };
  vitest(`unit + integration (PGlite, Node ${version})`, ['unit', 'integration'], { ...withoutPg, ...on24 }, NODE24);
  if (DATABASE_URL) vitest(`integration (PostgreSQL, Node ${version})`, ['integration'], { ...process.env, ...on24 }, NODE24);
}

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
