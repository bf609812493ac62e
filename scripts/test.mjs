#!/usr/bin/env node
// The whole test suite, as `npm test` runs it: typecheck, lint, unit and integration tests on the
// embedded database, the integration tests again on PostgreSQL when DATABASE_URL is set, then the
// browser tests against the built admin UI and citizens' page. Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'kaoping-test-'));
let passed = 0;
let failed = 0;
const summary = [];

function run(label, cmd, args, env = process.env) {
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });
  return res.status === 0;
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args);
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
}

function vitest(label, projects, env, files = []) {
  const report = join(out, `${label.replace(/\W+/g, '-')}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...files];
  const ok = run(label, 'npx', args, env);
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
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
}

const { DATABASE_URL, ...withoutPg } = process.env;

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('typecheck admin', 'npx', ['tsc', '-p', 'apps/admin/tsconfig.json', '--noEmit']);
check('typecheck portal', 'npx', ['tsc', '-p', 'apps/portal/tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
// Built before the tests, so that the tests of how the API serves the two pages run on real builds.
check('build admin UI', 'npm', ['run', 'build:admin']);
check('build citizens\' page', 'npm', ['run', 'build:portal']);
vitest('unit + integration (PGlite)', ['unit', 'integration'], withoutPg);
if (DATABASE_URL) vitest('integration (PostgreSQL)', ['integration'], process.env);
else summary.push('---- integration (PostgreSQL): skipped, DATABASE_URL is not set');
vitest('end-to-end (Chromium)', ['e2e'], withoutPg);

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
