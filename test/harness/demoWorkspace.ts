// Builds the abalone demo workspace with the project's own CLI (`model-monitor demo`), so the tests
// and the demo open exactly what users get from "Open the Abalone Demo".
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onProcessExit } from './exitCleanup';
import { HarnessError } from './harnessError';
import { repoRoot } from './paths';

export const workspaceFileName = 'model-monitor-workspace.json';
const cli = join(repoRoot, 'dist', 'cli.js');

/** Writes the demo workspace into `outputDir` (which must not exist yet). */
export async function buildDemoWorkspace(outputDir: string): Promise<void> {
  if (!existsSync(cli)) throw new HarnessError(`${cli} is missing: build first (node scripts/build.mjs).`);
  const output = await runCli(['demo', '--output', outputDir]);
  if (!existsSync(join(outputDir, workspaceFileName))) {
    throw new HarnessError(`model-monitor demo --output ${outputDir} wrote no ${workspaceFileName}. Its output:\n${output}`);
  }
}

/** A fresh demo workspace in a temporary folder, and how to remove it. */
export async function temporaryDemoWorkspace(): Promise<{ dir: string; remove: () => void }> {
  const parent = mkdtempSync(join(tmpdir(), 'model-monitor-demo-'));
  const dir = join(parent, 'abalone');
  const cancelRemoval = onProcessExit(() => rmSync(parent, { recursive: true, force: true }));
  const remove = () => {
    cancelRemoval();
    rmSync(parent, { recursive: true, force: true });
  };
  try {
    await buildDemoWorkspace(dir);
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}

function runCli(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolve(output);
      reject(new HarnessError(`node dist/cli.js ${args.join(' ')} failed (exit code ${code}):\n${output}`));
    });
  });
}
