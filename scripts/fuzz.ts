/**
 * Fuzzes every parser of SageMaker's monitoring files: `npx tsx scripts/fuzz.ts [--runs N] [--seed S]`.
 * Per parser, N inputs (default 100,000: valid, structurally mutated, garbled and arbitrary texts) must
 * either parse and survive a rewrite unchanged, or fail with a FormatError naming the file (and line);
 * N/10 valid documents must read back equal after writing. The analyzer's own readers get N cases each
 * too: the capture line fast path must read what JSON.parse reads (or hand the line back), damaged
 * capture files and CSVs with damaged headers must fail only with FormatErrors naming file and line.
 * Exits 1 with the counterexample otherwise.
 */
import fc from 'fast-check';
import { FUZZ_TARGETS, captureFileFailsOnlyWithFormatErrors, failsOnlyWithFormatErrors, readsBackWhatItWrites } from '../test/unit/support/formatArbitraries';
import { ScratchFile, captureFastPathAgreesWithJsonParse, captureReaderFailsOnlyWithFormatErrors, csvHeaderReadsUniqueNamesOrFails } from '../test/unit/formats/readerProperties';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(option('--runs') ?? 100_000);
const seed = option('--seed') !== undefined ? Number(option('--seed')) : Date.now() % 2 ** 31;
if (!Number.isSafeInteger(runs) || runs < 1) {
  console.error('--runs must be a positive whole number');
  process.exit(2);
}

const FILE = 's3://fuzz-bucket/prefix/file.json';
let failed = false;

function report<Ts extends unknown[]>(name: string, property: fc.IProperty<Ts>, numRuns: number): void {
  const started = performance.now();
  const details = fc.check(property, { numRuns, seed });
  const seconds = (performance.now() - started) / 1000;
  const status = details.failed ? 'FAILED' : 'ok';
  console.log(`${name.padEnd(52)} ${String(details.numRuns).padStart(8)} cases ${seconds.toFixed(1).padStart(6)} s  ${status}`);
  if (details.failed) {
    failed = true;
    console.log(`  counterexample: ${fc.stringify(details.counterexample)}`);
    console.log(`  ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
    console.log(`  reproduce with --seed ${seed}`);
  }
}

console.log(`fuzzing with ${runs} cases per parser, seed ${seed}`);
for (const t of FUZZ_TARGETS) {
  report(`${t.name}: damaged input`, failsOnlyWithFormatErrors(t, FILE), runs);
  report(`${t.name}: write then read`, readsBackWhatItWrites(t, FILE), Math.max(1, Math.round(runs / 10)));
}
report('capture file bytes (JSON Lines + UTF-8)', captureFileFailsOnlyWithFormatErrors(FILE), runs);
const scratch = new ScratchFile();
try {
  report('analyzer: capture line fast path = JSON.parse', captureFastPathAgreesWithJsonParse(), runs);
  report('analyzer: damaged capture files', captureReaderFailsOnlyWithFormatErrors(scratch), runs);
  report('analyzer: CSV with damaged headers', csvHeaderReadsUniqueNamesOrFails(scratch), runs);
} finally {
  scratch.remove();
}
process.exit(failed ? 1 : 0);
