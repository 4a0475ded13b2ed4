// Checks for the Debian packages the harness needs, by the files it uses rather than by package
// manager, so the checks also hold on machines that are not Debian.
import { existsSync } from 'node:fs';
import { HarnessError } from './harnessError';

interface Requirement {
  /** What is missing, in the words of the error message. */
  readonly what: string;
  readonly debianPackage: string;
  readonly present: () => boolean;
}

/** Debian's Chromium, or another Chromium named by CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const kerberosHeaders: Requirement = {
  what: 'the Kerberos headers (gssapi/gssapi.h) that code-server\'s native "kerberos" module builds against',
  debianPackage: 'libkrb5-dev',
  present: () => existsSync('/usr/include/gssapi/gssapi.h'),
};

const chromium: Requirement = {
  what: `Chromium at ${chromiumPath} (set CHROMIUM_PATH to use another)`,
  debianPackage: 'chromium',
  present: () => existsSync(chromiumPath),
};

function requireAll(requirements: readonly Requirement[]): void {
  const missing = requirements.filter((r) => !r.present());
  if (missing.length === 0) return;
  const packages = missing.map((r) => r.debianPackage).join(' ');
  throw new HarnessError(
    `Missing ${missing.map((r) => r.what).join('; and ')}.\n` +
      `Install with: sudo apt-get update && sudo apt-get install -y ${packages}`,
  );
}

/** Needed to install code-server. */
export function requireCodeServerBuildTools(): void {
  requireAll([kerberosHeaders]);
}

/** Needed to drive the workbench. */
export function requireChromium(): string {
  requireAll([chromium]);
  return chromiumPath;
}
