#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so the command works straight from a checkout.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exit(await runCli(process.argv.slice(2)));
