import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installOnce, type OnceInstall } from '../../../test/harness/installCodeServer';
import { repoRoot } from '../../../test/harness/paths';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cold-cache install that broke e2e: two suites installing into one folder, and a killed install. */
describe('Installing code-server once, atomically', function () {
  this.timeout(60_000);
  let cache: string;
  let dir: string;
  const logged: string[] = [];
  const originalLog = console.log;

  beforeEach(async () => {
    cache = await mkdtemp(join(tmpdir(), 'mm-install-once-'));
    dir = join(cache, 'code-server');
    logged.length = 0;
    console.log = (...parts: unknown[]) => void logged.push(parts.join(' '));
  });
  afterEach(async () => {
    console.log = originalLog;
    await rm(cache, { recursive: true, force: true });
  });

  const install = (build: OnceInstall['build'], version = 'code-server@1'): OnceInstall => ({ label: 'code-server', dir, version, build });
  const slowBuild = (calls: { count: number }): OnceInstall['build'] => async (temp) => {
    calls.count++;
    await writeFile(join(temp, 'half.js'), 'one half');
    await sleep(300); // a second caller arrives while this one builds
    await writeFile(join(temp, 'other-half.js'), 'the other half');
  };

  it('builds once when two callers ask at the same time; the second waits and finds it finished', async () => {
    const calls = { count: 0 };
    await Promise.all([installOnce(install(slowBuild(calls))), installOnce(install(slowBuild(calls)))]);
    assert.equal(calls.count, 1);
    assert.deepEqual(readdirSync(dir).sort(), ['.install-complete', 'half.js', 'other-half.js']);
    assert.deepEqual(readdirSync(cache), ['code-server'], 'no lock or temporary folder is left behind');
    assert.ok(logged.some((line) => /^Installing code-server into .* \(first run only\)/.test(line)), logged.join('\n'));
  });

  it('never takes a failed or half-done install for a finished one', async () => {
    await assert.rejects(
      installOnce(install(async (temp) => {
        await writeFile(join(temp, 'half.js'), 'one half');
        throw new Error('node-gyp: opening dependency file: No such file');
      })),
      /opening dependency file/,
    );
    assert.equal(existsSync(dir), false, 'nothing appears where the install belongs');
    assert.deepEqual(readdirSync(cache), [], 'and the lock is released');

    // A folder from before installs were atomic, without its marker: installed anew.
    await mkdir(dir);
    await writeFile(join(dir, 'half.js'), 'one half');
    const calls = { count: 0 };
    await installOnce(install(slowBuild(calls)));
    assert.equal(calls.count, 1);
    assert.ok(existsSync(join(dir, 'other-half.js')));
    await installOnce(install(slowBuild(calls)));
    assert.equal(calls.count, 1, 'a finished install is reused');
    await installOnce(install(slowBuild(calls), 'code-server@2'));
    assert.equal(calls.count, 2, 'another version is installed anew');
    assert.equal(readFileSync(join(dir, '.install-complete'), 'utf8'), 'code-server@2');
  });

  it('recovers from an install whose process was killed: breaks its lock, drops its half-built folder', async () => {
    const script = `
      const { installOnce } = require(${JSON.stringify(join(repoRoot, 'test', 'harness', 'installCodeServer.ts'))});
      const { writeFileSync } = require('node:fs');
      installOnce({ label: 'code-server', dir: ${JSON.stringify(dir)}, version: 'code-server@1',
        build: (temp) => { writeFileSync(require('node:path').join(temp, 'half.js'), ''); console.log('building'); return new Promise(() => {}); } });
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('building') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.ok(readdirSync(cache).some((name) => name.endsWith('.partial')), 'the killed build left its folder');
    assert.ok(existsSync(`${dir}.lock`), 'and its lock');

    const calls = { count: 0 };
    await installOnce(install(slowBuild(calls)));
    assert.equal(calls.count, 1);
    assert.deepEqual(readdirSync(cache), ['code-server']);
    assert.ok(existsSync(join(dir, '.install-complete')));
  });
});
