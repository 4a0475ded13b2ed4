/**
 * Fuzzes every parser of our inputs: `npm run fuzz -- [--cases N] [--seed S] [--only REGEX] [--case-ms MS] [--hang-s S]`.
 *
 * Per parser, N cases (default 100,000): SageMaker's statistics.json, constraints.json and
 * constraint_violations.json, capture and ground-truth lines, whole capture files byte by byte, the
 * analyzer's capture line fast path (against JSON.parse), its capture file reader, its CSV reader with
 * damaged headers, schedule expressions, and the workspace's schedule documents as the scheduler polls
 * them. Each case must end in a result that survives a rewrite (never a half-parsed one) or in our typed
 * error naming what and where, within `--case-ms` (default 2,000 ms). Each parser runs in a worker
 * thread that reports every case it starts, so a case that has not returned after `--hang-s` (default
 * 30 s) is reported as a hang with its input, and the worker is stopped.
 *
 * Prints per parser: cases, failures, the slowest case and the time; for a failure, the shrunk
 * counterexample and the seed to reproduce it. Exits 1 when any parser failed, 2 on bad options.
 */
import { rmSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { ScratchFile, captureFastPathAgreesWithJsonParse, captureReaderFailsOnlyWithFormatErrors, csvHeaderReadsUniqueNamesOrFails } from '../test/unit/formats/readerProperties';
import { FUZZ_TARGETS, captureFileFailsOnlyWithFormatErrors, failsOnlyWithFormatErrors, readsBackWhatItWrites } from '../test/unit/support/formatArbitraries';
import { asAsyncProperty, asProperty, type AsyncFuzzProperty, type FuzzProperty, type SyncFuzzProperty } from '../test/unit/support/fuzzProperty';
import { ScratchWorkspace, scheduleDocumentsRunOrAreReported } from '../test/unit/support/scheduleDocumentProperties';
import { scheduleExpressionsParseOrExplain } from '../test/unit/support/scheduleProperties';

const FILE = 's3://fuzz-bucket/prefix/file.json';

interface Target {
  name: string;
  /** Share of --cases this target runs (write-then-read of valid documents needs fewer). */
  share: number;
  /** The property, and the scratch folders it writes in (removed by the caller even after a hang). */
  make(): { property: FuzzProperty<unknown>; scratch: string[] };
}

const sync = <T>(property: FuzzProperty<T>): { property: FuzzProperty<unknown>; scratch: string[] } => ({ property: property as FuzzProperty<unknown>, scratch: [] });

const TARGETS: Target[] = [
  ...FUZZ_TARGETS.flatMap((t): Target[] => [
    { name: `${t.name}: damaged input`, share: 1, make: () => sync(failsOnlyWithFormatErrors(t, FILE)) },
    { name: `${t.name}: write then read`, share: 0.1, make: () => sync(readsBackWhatItWrites(t, FILE)) },
  ]),
  { name: 'capture file bytes (JSON Lines + UTF-8)', share: 1, make: () => sync(captureFileFailsOnlyWithFormatErrors(FILE)) },
  { name: 'analyzer: capture line fast path = JSON.parse', share: 1, make: () => sync(captureFastPathAgreesWithJsonParse()) },
  ...(
    [
      ['analyzer: damaged capture files', captureReaderFailsOnlyWithFormatErrors],
      ['analyzer: CSV with damaged headers', csvHeaderReadsUniqueNamesOrFails],
    ] as const
  ).map(([name, property]): Target => ({
    name,
    share: 1,
    make() {
      const scratch = new ScratchFile();
      return { property: property(scratch) as FuzzProperty<unknown>, scratch: [scratch.dir] };
    },
  })),
  { name: 'schedule expressions (cron, NOW, windows)', share: 1, make: () => sync(scheduleExpressionsParseOrExplain()) },
  {
    name: 'workspace: schedule documents (a scheduler poll)',
    share: 1,
    make() {
      const workspace = new ScratchWorkspace();
      return { property: scheduleDocumentsRunOrAreReported(workspace) as FuzzProperty<unknown>, scratch: [workspace.root] };
    },
  },
];

interface Job {
  target: string;
  cases: number;
  seed: number;
  caseMs: number;
  /** [cases started] as an Int32, then [input length] and the current case's input as UTF-8. */
  progress: SharedArrayBuffer;
}

interface Outcome {
  cases: number;
  failures: number;
  slowestMs: number;
  /** The shrunk counterexample and what went wrong, when any case failed. */
  failure?: string;
}

type WorkerMessage = { scratch: string[] } | { outcome: Outcome };

const INPUT_BYTES = 64 * 1024;

// ---------------------------------------------------------------------------------------------------
// Worker: runs one target, counting every failure, then shrinks the first one.

async function runJob(job: Job): Promise<void> {
  const target = TARGETS.find((t) => t.name === job.target);
  if (!target) throw new Error(`no fuzz target ${job.target}`);
  const { property: p, scratch } = target.make();
  parentPort!.postMessage({ scratch } satisfies WorkerMessage);
  const started = new Int32Array(job.progress, 0, 2);
  const input = new Uint8Array(job.progress, 8);
  const encoder = new TextEncoder();
  let failures = 0;
  let slowestMs = 0;
  const begin = (value: unknown): number => {
    const { written } = encoder.encodeInto(fc.stringify(value), input);
    Atomics.store(started, 1, written);
    Atomics.add(started, 0, 1);
    return performance.now();
  };
  const end = (since: number, failed: boolean): void => {
    const ms = performance.now() - since;
    slowestMs = Math.max(slowestMs, ms);
    if (failed || ms > job.caseMs) failures++;
  };
  const options = { numRuns: job.cases, seed: job.seed };
  // The shrinking run reports its cases too, so the watchdog sees it progress.
  const watched: FuzzProperty<unknown> = p.async
    ? { ...p, check: (value) => (begin(value), p.check(value)) }
    : { ...p, check: (value) => (begin(value), p.check(value)) };
  let details: fc.RunDetails<[unknown]>;
  if (p.async) {
    await fc.check(
      fc.asyncProperty(p.arbitrary, async (value) => {
        const since = begin(value);
        const failed = await p.check(value).then(
          () => false,
          () => true,
        );
        end(since, failed);
      }),
      options,
    );
    details = failures > 0 ? await fc.check(asAsyncProperty(watched as AsyncFuzzProperty<unknown>, job.caseMs), options) : emptyDetails();
  } else {
    fc.check(
      fc.property(p.arbitrary, (value) => {
        const since = begin(value);
        let failed = false;
        try {
          p.check(value);
        } catch {
          failed = true;
        }
        end(since, failed);
      }),
      options,
    );
    details = failures > 0 ? fc.check(asProperty(watched as SyncFuzzProperty<unknown>, job.caseMs), options) : emptyDetails();
  }
  const failure = details.failed
    ? `counterexample: ${fc.stringify(details.counterexample)}\n  ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`
    : failures > 0
      ? 'a case failed in the counting run but not when run again (a timing budget missed under load?)'
      : undefined;
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  parentPort!.postMessage({ outcome: { cases: job.cases, failures, slowestMs, ...(failure ? { failure } : {}) } } satisfies WorkerMessage);
}

function emptyDetails(): fc.RunDetails<[unknown]> {
  return { failed: false } as fc.RunDetails<[unknown]>;
}

// ---------------------------------------------------------------------------------------------------
// Main thread: options, one worker per target in turn, the hang watchdog, the report.

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function wholeNumber(name: string, fallback: number): number {
  const text = option(name);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`${name} takes a positive whole number, got ${text ?? '(nothing)'}`);
    process.exit(2);
  }
  return value;
}

/** Runs one target in a worker; resolves with its outcome, or with a hang report after `hangMs` on one case. */
function runInWorker(job: Omit<Job, 'progress'>, hangMs: number): Promise<Outcome> {
  const progress = new SharedArrayBuffer(8 + INPUT_BYTES);
  const started = new Int32Array(progress, 0, 2);
  // tsx's loader does not reach worker threads on its own: the worker registers it before loading this file.
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: { ...job, progress } satisfies Job });
  let scratch: string[] = [];
  return new Promise<Outcome>((resolve, reject) => {
    let lastCount = -1;
    let lastChange = performance.now();
    const watchdog = setInterval(() => {
      const count = Atomics.load(started, 0);
      if (count !== lastCount) {
        lastCount = count;
        lastChange = performance.now();
        return;
      }
      if (count === 0 || performance.now() - lastChange < hangMs) return;
      const input = Buffer.from(new Uint8Array(progress, 8, Atomics.load(started, 1))).toString('utf8');
      finish();
      void worker.terminate();
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
      resolve({ cases: count, failures: 1, slowestMs: hangMs, failure: `HANG: case ${count} has not returned after ${hangMs / 1000} s; its input: ${input}` });
    }, 250);
    const finish = () => {
      clearInterval(watchdog);
      worker.removeAllListeners();
    };
    worker.on('message', (message: WorkerMessage) => {
      if ('scratch' in message) scratch = message.scratch;
      else {
        finish();
        void worker.terminate();
        resolve(message.outcome);
      }
    });
    worker.on('error', (e) => {
      finish();
      reject(e);
    });
    worker.on('exit', (code) => {
      finish();
      reject(new Error(`the fuzz worker for ${job.target} exited (code ${code}) without a result`));
    });
  });
}

async function main(): Promise<void> {
  const cases = wholeNumber('--cases', wholeNumber('--runs', 100_000));
  const seed = option('--seed') !== undefined ? wholeNumber('--seed', 1) : Date.now() % 2 ** 31;
  const caseMs = wholeNumber('--case-ms', 2_000);
  const hangMs = wholeNumber('--hang-s', 30) * 1000;
  const only = option('--only') !== undefined ? new RegExp(option('--only')!, 'i') : undefined;
  const targets = TARGETS.filter((t) => !only || only.test(t.name));
  if (targets.length === 0) {
    console.error(`--only ${option('--only')} matches none of: ${TARGETS.map((t) => t.name).join('; ')}`);
    process.exit(2);
  }

  console.log(`fuzzing ${targets.length} parsers with ${cases} cases each (valid-document round trips: a tenth), seed ${seed}, budget ${caseMs} ms a case`);
  console.log(`${'parser'.padEnd(56)} ${'cases'.padStart(8)} ${'failures'.padStart(8)} ${'slowest'.padStart(9)} ${'time'.padStart(8)}`);
  const started = performance.now();
  let failedTargets = 0;
  for (const target of targets) {
    const begun = performance.now();
    const outcome = await runInWorker({ target: target.name, cases: Math.max(1, Math.round(cases * target.share)), seed, caseMs }, hangMs);
    const seconds = (performance.now() - begun) / 1000;
    const slowest = `${outcome.slowestMs.toFixed(outcome.slowestMs < 10 ? 1 : 0)} ms`;
    console.log(`${target.name.padEnd(56)} ${String(outcome.cases).padStart(8)} ${String(outcome.failures).padStart(8)} ${slowest.padStart(9)} ${`${seconds.toFixed(1)} s`.padStart(8)}  ${outcome.failures > 0 ? 'FAILED' : 'ok'}`);
    if (outcome.failures > 0) {
      failedTargets++;
      console.log(`  ${outcome.failure ?? ''}`);
      console.log(`  reproduce with: npm run fuzz -- --seed ${seed} --cases ${cases} --only '${target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`);
    }
  }
  console.log(`${failedTargets === 0 ? 'all parsers held' : `${failedTargets} parser(s) failed`} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.exit(failedTargets > 0 ? 1 : 0);
}

if (isMainThread) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  });
} else {
  runJob(workerData as Job).catch((e: unknown) => {
    // An error outside any case (a target that cannot even start) is reported as the run's failure.
    parentPort!.postMessage({ outcome: { cases: 0, failures: 1, slowestMs: 0, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) } } satisfies WorkerMessage);
  });
}
