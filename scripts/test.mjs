// Runs the whole test suite, or the stages named on the command line (`npm test -- unit e2e`):
// build, then typecheck, lint, unit (+ wire), integration (in VS Code's extension host) and e2e
// (the workbench in headless Chromium). Before the first stage that needs VS Code, the "code-server"
// stage installs the Debian packages (scripts/system-packages.sh) and code-server, so no suite's
// timers run during a cold install. Each stage reports its counts; the last line is always
// "N passed, N failed", and the exit code is non-zero if anything failed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
/** Mocha colours its report when it writes to a terminal; we pipe it, so ask for colours explicitly. */
const colorFlags = process.stdout.isTTY ? ['--color'] : [];

/** Each stage is a command; `counts` turns its output and exit code into tests passed and failed. */
const stages = {
  'code-server': {
    command: ['bash', '-c', `bash scripts/system-packages.sh chromium && "${bin('tsx')}" test/harness/installCodeServer.ts`],
    counts: wholeStage,
  },
  typecheck: { command: [bin('tsc'), '-p', '.', '--noEmit'], counts: wholeStage },
  lint: { command: [bin('eslint'), '.'], counts: wholeStage },
  unit: { command: [bin('mocha'), ...colorFlags], counts: mochaCounts },
  integration: { command: [bin('tsx'), 'test/harness/runIntegration.ts'], counts: mochaCounts },
  e2e: { command: [bin('mocha'), '--config', 'test/e2e/.mocharc.json', ...colorFlags], counts: mochaCounts },
};

/** Stages that run VS Code: they need the "code-server" stage first, and are not run when it failed. */
const needsCodeServer = new Set(['integration', 'e2e']);

/** A stage that is one test: typecheck, lint. */
function wholeStage(_output, exitCode) {
  return exitCode === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

/**
 * Sums mocha's "N passing" / "N failing" summaries (the integration stage runs more than one pass). A
 * stage that failed without a failing test (it crashed, or a server did not start) counts as one
 * failure, so it can never look green.
 */
function mochaCounts(output, exitCode) {
  const plain = stripVTControlCharacters(output);
  const passed = summedCount(plain, /^ +(\d+) passing \(/gm);
  let failed = summedCount(plain, /^ +(\d+) failing$/gm);
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

/** The sum of the numbers that a summary line pattern captures; 0 if there is none. */
function summedCount(text, pattern) {
  return [...text.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Runs a command with its output shown live; resolves to its output and exit code. */
function run([command, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const show = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', show(process.stdout));
    child.stderr.on('data', show(process.stderr));
    child.on('error', (error) => {
      output += error.message;
      console.error(`Could not start ${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => resolve({ output, exitCode: code ?? (signal ? 1 : 0) }));
  });
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function parseStageNames(args) {
  const requested = args.length > 0 ? args : Object.keys(stages).filter((name) => name !== 'code-server');
  const first = requested.findIndex((name) => needsCodeServer.has(name));
  const names = first >= 0 && !requested.includes('code-server') ? [...requested.slice(0, first), 'code-server', ...requested.slice(first)] : requested;
  const unknown = names.filter((name) => !(name in stages));
  if (unknown.length > 0) {
    console.error(`Unknown stage ${unknown.join(', ')}. Stages: ${Object.keys(stages).join(', ')}.`);
    console.error('Usage: npm test [-- STAGE...]');
    process.exit(2);
  }
  return names;
}

async function main() {
  const names = parseStageNames(process.argv.slice(2));
  const started = Date.now();

  console.log('\n=== build');
  const build = await run([process.execPath, 'scripts/build.mjs']);
  if (build.exitCode !== 0) {
    console.error('\nThe build failed (see above), so no test stage ran.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }

  const results = [];
  for (const name of names) {
    const stage = stages[name];
    if (needsCodeServer.has(name) && results.some((r) => r.name === 'code-server' && r.failed > 0)) {
      console.log(`\n=== ${name}: not run, because code-server could not be installed (see above)`);
      results.push({ name, passed: 0, failed: 1, time: '0.0 s' });
      continue;
    }
    console.log(`\n=== ${name}: ${stage.command.map((part) => part.replace(root, '')).join(' ')}`);
    const stageStarted = Date.now();
    const { output, exitCode } = await run(stage.command);
    const counts = stage.counts(output, exitCode);
    results.push({ name, ...counts, time: seconds(stageStarted) });
    console.log(`=== ${name}: ${counts.passed} passed, ${counts.failed} failed (${seconds(stageStarted)})`);
  }

  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.log(`\nStages (${seconds(started)} in all):`);
  for (const r of results) console.log(`  ${r.failed > 0 ? '✗' : '✓'} ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed  ${r.time}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
