#!/usr/bin/env node
// The kaoping command runs the built CLI (apps/api/dist). In a development checkout whose sources
// changed since the last build (or that was never built) it runs the TypeScript sources through tsx
// instead, so a command never acts with stale code; without tsx it asks for a build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isCurrent } from '../../../scripts/build.mjs';

const argv = process.argv.slice(2);
const built = new URL('../dist/cli.js', import.meta.url);

function hasTsx() {
  try {
    import.meta.resolve('tsx');
    return true;
  } catch {
    return false;
  }
}

if (isCurrent('api') || (existsSync(built) && !hasTsx())) {
  const { runCli } = await import(built.href);
  process.exit(await runCli(argv));
} else if (hasTsx()) {
  const source = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const res = spawnSync(process.execPath, ['--conditions=@kaoping/source', '--import', 'tsx', source, ...argv], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
} else {
  console.error('Kaoping is not built: run `npm run build` first.');
  process.exit(1);
}
