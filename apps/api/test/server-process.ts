import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds the API to JavaScript if its sources changed since the last build, as `npm start` does. */
export function buildApi(): string {
  const res = spawnSync(process.execPath, ['scripts/build.mjs', '--if-needed', 'api'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`the API build failed:\n${res.stdout}${res.stderr}`);
  return res.stdout;
}

export interface NodeProcess {
  child: ChildProcess;
  /** The exit code, or the signal that ended it. */
  exited: Promise<NodeJS.Signals | number | null>;
  output(): string;
}

/** Runs a script of the repository on node as its own process, with only the given environment. */
export function runNode(script: string, args: string[], env: Record<string, string>): NodeProcess {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited, output: () => output };
}

/** The real server process, as `npm start` runs it (the built JavaScript, on node). */
export const startServer = (env: Record<string, string>): NodeProcess => runNode('apps/api/dist/server.js', [], env);

/** The `kaoping` command (which runs the built CLI when the build is current). */
export const kaoping = (args: string[], env: Record<string, string>): NodeProcess => runNode('apps/api/bin/kaoping.mjs', args, env);
