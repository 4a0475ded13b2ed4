// `npm run bench -- NAME [ARGS...]` runs scripts/bench/NAME.ts with ARGS (`npx tsx`);
// `npm run bench` runs every benchmark in scripts/bench/ in turn, with their default settings.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benchDir = join(root, 'scripts', 'bench');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function benchmarkNames() {
  return readdirSync(benchDir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

/** Runs one benchmark in the foreground; returns its exit code. */
function runBenchmark(name, args) {
  console.log(`\n=== bench ${name}${args.length > 0 ? ` ${args.join(' ')}` : ''}`);
  const result = spawnSync(tsx, [join(benchDir, `${name}.ts`), ...args], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function main() {
  const [name, ...args] = process.argv.slice(2);
  const names = benchmarkNames();
  if (name !== undefined) {
    if (!existsSync(join(benchDir, `${name}.ts`))) {
      console.error(`No benchmark "${name}". Available: ${names.join(', ')}.\nUsage: npm run bench [-- NAME [ARGS...]]`);
      return 2;
    }
    return runBenchmark(name, args);
  }
  const failed = names.filter((each) => runBenchmark(each, []) !== 0);
  if (failed.length > 0) console.error(`\nFailed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main();
