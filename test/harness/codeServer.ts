// Starts code-server on loopback with a throw-away profile, and stops it (with everything it started).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onProcessExit } from './exitCleanup';
import { HarnessError } from './harnessError';
import { ensureCodeServer, type CodeServerInstall } from './installCodeServer';
import { stopProcessGroup, trackProcessGroup } from './processGroups';
import { testResultsDir } from './paths';

export interface CodeServerOptions {
  /** The folder the workbench opens. */
  readonly folder: string;
  /** Extensions installed in this profile; default: a new empty folder. */
  readonly extensionsDir?: string;
  /** Lets a URL `payload` load an extension under development and run its tests (see workbenchUrl). */
  readonly smokeTestDriver?: boolean;
  readonly colorTheme?: string;
  /** More user settings, e.g. the extension's own. */
  readonly settings?: Record<string, unknown>;
  /** Default: any free port. */
  readonly port?: number;
  /** Names the log file in test-results/ (code-server-<label>.log). */
  readonly label: string;
  /** Keep workspace trust on (default off), so the folder opens untrusted, in Restricted Mode. */
  readonly workspaceTrust?: boolean;
}

/** Trust on, never asked: the folder, never trusted by this fresh profile, opens in Restricted Mode. */
const restrictedModeSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

export interface RunningCodeServer {
  readonly origin: string;
  readonly folder: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** How long code-server may take to listen (its first start on a cold disk is the slowest). */
const startTimeoutMs = 60_000;

/**
 * For tests: the demo's history is built up to the last full hour, and the local scheduler would add an
 * execution at the next one, moving rows under a running test. Tests that run a monitor do it on demand.
 */
export const testSettings: Record<string, unknown> = { 'sagemakerModelMonitor.runLocalScheduler': false };

/** Settings that keep the workbench quiet and the same from run to run. */
function userSettings(colorTheme: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.openRepositoryInParentFolders': 'never',
    ...(colorTheme ? { 'workbench.colorTheme': colorTheme } : {}),
    ...extra,
  };
}

/** A profile folder with our settings, and XDG folders so code-server writes nothing under $HOME. */
function createProfile(colorTheme: string | undefined, extra?: Record<string, unknown>): { root: string; userDataDir: string; env: NodeJS.ProcessEnv } {
  const root = mkdtempSync(join(tmpdir(), 'model-monitor-code-server-'));
  const userDataDir = join(root, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(colorTheme, extra), null, 2));
  const env: NodeJS.ProcessEnv = {};
  for (const kind of ['CONFIG', 'DATA', 'CACHE', 'STATE'] as const) {
    const dir = join(root, `xdg-${kind.toLowerCase()}`);
    mkdirSync(dir);
    env[`XDG_${kind}_HOME`] = dir;
  }
  return { root, userDataDir, env };
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs the installed code-server's CLI once (e.g. --install-extension) and waits for it. */
function runCodeServerCli(install: CodeServerInstall, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(install.node, [install.entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new HarnessError(`code-server ${args.join(' ')} failed (exit code ${code}):\n${output}`)),
    );
  });
}

/** Installs a packaged extension (.vsix) into an extensions folder. */
export async function installVsix(vsix: string, extensionsDir: string): Promise<void> {
  const install = await ensureCodeServer();
  const profile = createProfile(undefined);
  try {
    await runCodeServerCli(
      install,
      ['--user-data-dir', profile.userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
      profile.env,
    );
  } finally {
    rmSync(profile.root, { recursive: true, force: true });
  }
}

/** Waits until code-server says it listens; fails with the log's tail if it exits or hangs first. */
function waitUntilListening(child: ChildProcess, logFile: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new HarnessError(`code-server ${why}. Its log (${logFile}) ends with:\n${output.split('\n').slice(-20).join('\n')}`));
    };
    const timer = setTimeout(() => fail(`did not listen on port ${port} within ${startTimeoutMs / 1000} s`), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => fail(`exited while starting (${signal ?? `exit code ${code}`})`));
  });
}

/** Starts code-server on 127.0.0.1 with a fresh profile; call stop() when done (also on failure). */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const install = await ensureCodeServer();
  const profile = createProfile(options.colorTheme, { ...options.settings, ...(options.workspaceTrust ? restrictedModeSettings : {}) });
  const extensionsDir = options.extensionsDir ?? join(profile.root, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  mkdirSync(testResultsDir, { recursive: true });
  const logFile = join(testResultsDir, `code-server-${options.label}.log`);

  const args = [
    install.entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    // Otherwise each page load leaves an extension host behind for hours.
    '--reconnection-grace-time', '15',
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    options.folder,
  ];
  const child = spawn(install.node, args, {
    detached: true,
    env: { ...process.env, ...profile.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackProcessGroup(child);
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  // The profile goes with the server, and also when this process ends without stopping it.
  const removeProfile = () => rmSync(profile.root, { recursive: true, force: true });
  const cancelRemoval = onProcessExit(removeProfile);
  const stop = async () => {
    await stopProcessGroup(child);
    cancelRemoval();
    removeProfile();
  };
  try {
    await waitUntilListening(child, logFile, port);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: `http://127.0.0.1:${port}`, folder: options.folder, extensionsDir, logFile, stop };
}

/** Something passed to the workbench in its URL `payload` (needs the smoke-test driver). */
export interface WorkbenchPayload {
  /** Loads the extension from this folder, as F5 does. */
  readonly extensionDevelopmentPath?: string;
  /** A module exporting `run(): Promise<void>`, run in the extension host; the workbench reports its result. */
  readonly extensionTestsPath?: string;
  /** Environment variables for the extension host. */
  readonly extensionEnvironment?: Record<string, string>;
}

/** The URL that opens the server's folder, optionally with a payload. */
export function workbenchUrl(server: RunningCodeServer, payload: WorkbenchPayload = {}): string {
  // Slashes may stay as they are in a query, which keeps the printed URL readable.
  let query = `folder=${encodeURIComponent(server.folder).replaceAll('%2F', '/')}`;
  const entries = payloadEntries(server, payload);
  if (entries.length > 0) query += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  return `${server.origin}/?${query}`;
}

function payloadEntries(server: RunningCodeServer, payload: WorkbenchPayload): [string, string][] {
  // Paths are on the server, so they are remote URIs whose authority is the server's own host:port.
  const remote = (path: string) => `vscode-remote://${new URL(server.origin).host}${path}`;
  const entries: [string, string][] = [];
  if (payload.extensionDevelopmentPath) {
    entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
    entries.push(['extensionDevelopmentKind', 'workspace']);
  }
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  if (payload.extensionEnvironment) entries.push(['extensionEnvironment', JSON.stringify(payload.extensionEnvironment)]);
  return entries;
}

/** The last lines of a server's log, for failure messages. */
export function logTail(server: RunningCodeServer, lines = 30): string {
  try {
    return readFileSync(server.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
