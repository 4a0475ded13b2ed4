// The integration suite's entry point, loaded by VS Code's extension host (`extensionTestsPath`).
// scripts/build.mjs bundles this file, and through it every test/integration/*.test.ts, into
// out/test/integration/index.js; mocha itself stays external and is loaded from node_modules.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { reportPrefixVariable } from './reporterOutput';
import { restrictedSuiteVariable } from './suiteSelection';

/** Where the test sources are: the bundle sits in out/test/integration/, three levels below the root. */
const sourceDir = join(__dirname, '..', '..', '..', 'test', 'integration');

/** The names of the test files (without `.test.ts`) in `dir`, as found when the suite starts. */
function testFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -'.test.ts'.length))
    .sort();
}

export async function run(): Promise<void> {
  // The spec reporter prints through Base.consoleLog; mark its lines when the runner asks (see reporterOutput.ts).
  const prefix = process.env[reportPrefixVariable];
  if (prefix) Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(prefix + format(...args));
  const grep = process.env.MODEL_MONITOR_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  // Define describe/it as globals before the test modules evaluate.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // esbuild bundles every file matching ./*.test.ts (and ./restricted/*.test.ts) for these patterns; a
  // file added since the last build is missing from the bundle and fails here, asking for a rebuild.
  if (process.env[restrictedSuiteVariable]) {
    for (const name of testFileNames(join(sourceDir, 'restricted'))) await import(`./restricted/${name}.test.ts`);
  } else {
    for (const name of testFileNames(sourceDir)) await import(`./${name}.test.ts`);
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed.`);
}
