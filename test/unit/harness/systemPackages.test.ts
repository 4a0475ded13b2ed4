import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../../test/harness/paths';

/**
 * scripts/system-packages.sh on a fresh machine, with `id` and `apt-get` replaced by fakes on PATH:
 * as root it installs what is missing, otherwise it prints the one command and stops.
 */
describe('scripts/system-packages.sh', () => {
  let bin: string;
  const aptLog = () => join(bin, 'apt-get.log');

  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'mm-system-packages-'));
    writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "apt-get $*" >> "${aptLog()}"\n`);
    chmodSync(join(bin, 'apt-get'), 0o755);
  });
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  function run(uid: number, args: string[], env: Record<string, string> = {}) {
    writeFileSync(join(bin, 'id'), `#!/bin/sh\necho ${uid}\n`);
    chmodSync(join(bin, 'id'), 0o755);
    const result = spawnSync('bash', [join(repoRoot, 'scripts', 'system-packages.sh'), ...args], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ...env },
      encoding: 'utf8',
    });
    let apt = '';
    try {
      apt = readFileSync(aptLog(), 'utf8');
    } catch {
      // apt-get was not run
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, apt };
  }

  const missingChromium = { CHROMIUM_PATH: '/nonexistent/chromium' };

  it('as a user, prints the one apt-get command for what is missing and stops', () => {
    const result = run(1000, ['chromium', 'make'], missingChromium);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /Missing Debian packages: chromium\. Install them with:\n\n {2}sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium\n/);
    assert.equal(result.apt, '', 'nothing was installed');
  });

  it('as root, installs what is missing (only that) with apt-get', () => {
    const result = run(0, ['chromium', 'make'], missingChromium);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Installing missing Debian packages: chromium/);
    assert.equal(result.apt, 'apt-get update\napt-get install -y --no-install-recommends chromium\n');
  });

  it('does nothing when everything is there, and refuses an unknown package name', () => {
    const present = run(1000, ['make']);
    assert.deepEqual([present.status, present.stdout, present.stderr, present.apt], [0, '', '', '']);
    const unknown = run(0, ['chromiun']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown package "chromiun"/);
  });

  it('is what `npm run demo -- --screenshots` runs first: it stops at once with the command', function () {
    this.timeout(60_000);
    const out = mkdtempSync(join(tmpdir(), 'mm-demo-out-'));
    writeFileSync(join(bin, 'id'), '#!/bin/sh\necho 1000\n');
    chmodSync(join(bin, 'id'), 0o755);
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'demo.mjs'), '--screenshots', out], {
      cwd: repoRoot,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ...missingChromium, MODEL_MONITOR_CACHE_DIR: join(bin, 'cache') },
      encoding: 'utf8',
    });
    rmSync(out, { recursive: true, force: true });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium/);
    assert.match(result.stderr, /The demo failed: Driving the workbench needs the Debian packages chromium/);
  });
});
