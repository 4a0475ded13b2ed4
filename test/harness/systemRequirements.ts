// The Debian packages the harness needs, through scripts/system-packages.sh (the one script .ci/run,
// `npm test` and `npm run demo` share): as root it installs what is missing, otherwise it prints the
// apt-get command to run and we stop with a HarnessError before a step fails on the missing piece.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HarnessError } from './harnessError';
import { repoRoot } from './paths';

/** Debian's Chromium, or another Chromium named by CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What code-server's native modules (kerberos, argon2, ...) build with. */
export const codeServerBuildPackages = ['libkrb5-dev', 'g++', 'make', 'python3'] as const;

/** Runs scripts/system-packages.sh for these packages; throws when one is missing and could not be installed. */
export function ensureSystemPackages(packages: readonly string[], forWhat: string): void {
  const result = spawnSync('bash', [join(repoRoot, 'scripts', 'system-packages.sh'), ...packages], { stdio: 'inherit' });
  if (result.error) throw new HarnessError(`Could not run scripts/system-packages.sh: ${result.error.message}`);
  if (result.status !== 0) {
    throw new HarnessError(`${forWhat} needs the Debian packages ${packages.join(', ')}; see the message above.`);
  }
}

/** Needed to install code-server. */
export function requireCodeServerBuildTools(): void {
  ensureSystemPackages(codeServerBuildPackages, 'Installing code-server');
}

/** Needed to drive the workbench. */
export function requireChromium(): string {
  ensureSystemPackages(['chromium'], 'Driving the workbench');
  return chromiumPath;
}
