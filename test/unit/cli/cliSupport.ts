/** Runs the CLI, in-process (`cli`) or as the built `dist/cli.js` in its own process (`cliProcess`). */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/monitoring/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const ROOT = join(__dirname, '..', '..', '..');
const BUILT = join(ROOT, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let built = false;

/** Builds dist/ when dist/cli.js is missing or older than the sources it is made from (`npm test` builds first). */
function ensureBuilt(): void {
  if (built) return;
  let stale = true;
  try {
    stale = statSync(BUILT).mtimeMs < Math.max(newestSource(join(ROOT, 'src', 'monitoring')), statSync(join(ROOT, 'package.json')).mtimeMs);
  } catch {
    stale = true;
  }
  if (stale) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  built = true;
}

export interface ProcessRun extends CliRun {
  /** The process's peak resident memory in MB (its own getrusage, reported as it exits). */
  peakRssMb: number;
  /** The script files the process loaded (CommonJS), as it exits. */
  loadedFiles: string[];
}

/** Reports the peak RSS and the loaded files on fd 2 as the process exits, whatever way it exits normally. */
const EXIT_REPORTER =
  'data:text/javascript,import{writeSync}from"node:fs";import{createRequire}from"node:module";const r=createRequire(process.cwd()+"/");' +
  'process.on("exit",()=>writeSync(2,"\\npeak-rss-kb "+process.resourceUsage().maxRSS+"\\nloaded "+JSON.stringify(Object.keys(r.cache))+"\\n"))';

/** Runs `node dist/cli.js ...argv` as a user would; resolves when it exits. */
export function cliProcess(argv: readonly string[], options: { maxHeapMb?: number } = {}): Promise<ProcessRun> {
  ensureBuilt();
  const flags = [`--import=${EXIT_REPORTER}`, ...(options.maxHeapMb !== undefined ? [`--max-old-space-size=${options.maxHeapMb}`] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, BUILT, ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const match = /\npeak-rss-kb (\d+)\nloaded (.*)\n$/.exec(stderr);
      resolve({
        code: code ?? (signal !== null ? 128 : 1),
        stdout,
        stderr: match ? stderr.slice(0, match.index) : stderr,
        peakRssMb: match ? Number(match[1]) / 1024 : NaN,
        loadedFiles: match ? (JSON.parse(match[2]) as string[]) : [],
      });
    });
  });
}
