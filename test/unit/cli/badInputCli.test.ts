/**
 * `model-monitor` on damaged, oversized and hostile inputs and outputs, run as the built dist/cli.js:
 * each case must end with exit 2 and a sentence saying what and where, and leave the user's files as
 * they were.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../../package.json';
import { GOLDEN, tempDir } from '../analysis/modelQuality/support';
import { cliProcess } from './cliSupport';

const PACKT = join(GOLDEN, 'packt-sagemaker-cookbook-ch07');
const BASELINE_STATISTICS = join(PACKT, 'baseline_statistics.json');
const BASELINE_CONSTRAINTS = join(PACKT, 'baseline_constraints.json');
const TRAINING = join(PACKT, 'training_data.reconstructed_from_sketch.csv');

function captureLine(input: string, options: { time?: string; output?: string } = {}): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: options.output ?? '0.5', encoding: 'CSV' },
    },
    eventMetadata: { eventId: 'e1', inferenceTime: options.time ?? '2024-01-01T00:10:00Z' },
    eventVersion: '0',
  });
}

/** The arguments of a data-quality analysis of `captures` against the book's baseline. */
function analyzeCaptures(captures: string, output: string, ...more: string[]): string[] {
  return ['analyze', '--captures', captures, '--baseline-statistics', BASELINE_STATISTICS, '--constraints', BASELINE_CONSTRAINTS, '--output', output, '--workers', '1', ...more];
}

function filesIn(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, existsSync(join(dir, name)) && !isDir(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '<dir>']));
}

function isDir(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

describe('model-monitor CLI (dist/cli.js) on bad input', function () {
  this.timeout(60_000);

  describe('limits are refused at once, with file:line and the limit, in bounded memory', () => {
    it('a 50 MB capture line fails with the line limit, within a small heap', async () => {
      const dir = tempDir();
      const captures = join(dir, 'big.jsonl');
      const cells = '1,'.repeat(25_000_000);
      writeFileSync(captures, `${captureLine('1,2,3')}\n${captureLine(cells)}\n`);
      const out = join(dir, 'out');
      const run = await cliProcess(analyzeCaptures(captures, out), { maxHeapMb: 256 });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /big\.jsonl:2: the line is longer than 25 MB; a capture line may be at most 25 MB/);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.ok(run.peakRssMb < 300, `peak RSS ${run.peakRssMb.toFixed(0)} MB`);
      assert.equal(existsSync(out), false, 'no output folder is left behind');
    });

    it('a payload over SageMaker\'s 6 MB invocation limit is refused naming the field', async () => {
      const dir = tempDir();
      const captures = join(dir, 'payload.jsonl');
      writeFileSync(captures, `${captureLine('1,2,3')}\n${captureLine('x'.repeat(7 * 1024 * 1024))}\n`);
      const run = await cliProcess(analyzeCaptures(captures, join(dir, 'out')));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /payload\.jsonl:2: captureData\.endpointInput\.data: the payload is 7 MB, but SageMaker's invocation payload is at most 6 MB/);
    });

    it('a record wider than 20,480 columns is refused (Spark\'s limit)', async () => {
      const dir = tempDir();
      const captures = join(dir, 'wide.jsonl');
      writeFileSync(captures, `${captureLine(Array.from({ length: 30_000 }, () => '1').join(','))}\n`);
      const run = await cliProcess(analyzeCaptures(captures, join(dir, 'out')));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /wide\.jsonl:1: captureData: the record has 30,001 columns; at most 20,480 are supported/);
    });

    it('a dataset line over 16 MB is refused with its line number', async () => {
      const dir = tempDir();
      const dataset = join(dir, 'long.csv');
      writeFileSync(dataset, `a,b\n1,2\n3,"${'y'.repeat(17 * 1024 * 1024)}"\n`);
      const run = await cliProcess(['suggest-baseline', '--dataset', dataset, '--dataset-format', 'csv', '--header', '--output', join(dir, 'out'), '--workers', '1'], { maxHeapMb: 256 });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /long\.csv:3: the line is 17.0 MB long; a dataset line may be at most 16 MB/);
    });

    it('a model-quality capture line over the limit is refused before it is decoded', async () => {
      const dir = tempDir();
      const captures = join(dir, 'mq.jsonl');
      writeFileSync(captures, `${captureLine('1', { output: '1'.repeat(30 * 1024 * 1024) })}\n`);
      const truth = join(dir, 'gt.jsonl');
      writeFileSync(truth, `${JSON.stringify({ groundTruthData: { data: '1', encoding: 'CSV' }, eventMetadata: { eventId: 'e1' }, eventVersion: '0' })}\n`);
      const constraints = join(dir, 'constraints.json');
      writeFileSync(constraints, JSON.stringify({ version: 0.0, regression_constraints: { mae: { threshold: 1, comparison_operator: 'GreaterThanThreshold' } } }));
      const run = await cliProcess(['analyze', '--captures', captures, '--ground-truth', truth, '--constraints', constraints, '--inference-attribute', '0', '--output', join(dir, 'out')], { maxHeapMb: 256 });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /mq\.jsonl:1: the line is longer than 25 MB; a capture line may be at most 25 MB/);
    });
  });

  describe('CSV headers are read as SageMaker (Spark) reads them', () => {
    it('repeated names become name+index, with a note, and a dataset shows no drift against its own baseline', async () => {
      const dir = tempDir();
      const dataset = join(dir, 'dup.csv');
      const rows = Array.from({ length: 200 }, (_, i) => `${i % 7},${(i * 13) % 101},${i % 3 === 0 ? 'a' : 'b'}`);
      writeFileSync(dataset, `x,x,y\n${rows.join('\n')}\n`);
      const baseline = join(dir, 'baseline');
      const suggested = await cliProcess(['suggest-baseline', '--dataset', dataset, '--dataset-format', 'csv', '--header', '--output', baseline, '--workers', '1']);
      assert.equal(suggested.code, 0, suggested.stderr);
      assert.match(suggested.stderr, /note: .*dup\.csv:1: the header has empty or repeated column names; named as SageMaker's CSV reader \(Spark\) names them.*"x" → x0, "x" → x1/);
      const names = (JSON.parse(readFileSync(join(baseline, 'statistics.json'), 'utf8')) as { features: { name: string }[] }).features.map((f) => f.name);
      assert.deepEqual(names, ['x0', 'x1', 'y']);
      const out = join(dir, 'out');
      const analysed = await cliProcess([
        'analyze', '--dataset', dataset, '--dataset-format', 'csv', '--header', '--baseline-statistics', join(baseline, 'statistics.json'),
        '--constraints', join(baseline, 'constraints.json'), '--output', out, '--workers', '1',
      ]);
      assert.equal(analysed.code, 0, analysed.stderr);
      assert.deepEqual((JSON.parse(readFileSync(join(out, 'constraint_violations.json'), 'utf8')) as { violations: unknown[] }).violations, []);
    });

    it('a model-quality baseline names repeated columns the same way, so an attribute never means two columns', async () => {
      const dir = tempDir();
      const dataset = join(dir, 'mq.csv');
      writeFileSync(dataset, 'p,p,label\n1,2,1\n3,4,3\n');
      const args = ['suggest-baseline', '--analysis-type', 'MODEL_QUALITY', '--problem-type', 'Regression', '--dataset', dataset, '--dataset-format', 'csv', '--header', '--ground-truth-attribute', 'label'];
      const ambiguous = await cliProcess([...args, '--inference-attribute', 'p', '--output', join(dir, 'a')]);
      assert.equal(ambiguous.code, 2, ambiguous.stderr);
      assert.match(ambiguous.stderr, /there is no column "p"; the header has "p0", "p1", "label"/);
      const second = await cliProcess([...args, '--inference-attribute', 'p1', '--output', join(dir, 'b')]);
      assert.equal(second.code, 0, second.stderr);
    });

    it('names that would still repeat after Spark\'s renaming are refused', async () => {
      const dir = tempDir();
      const dataset = join(dir, 'clash.csv');
      writeFileSync(dataset, 'x,x,x0\n1,2,3\n');
      const run = await cliProcess(['suggest-baseline', '--dataset', dataset, '--dataset-format', 'csv', '--header', '--output', join(dir, 'out')]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /clash\.csv:1: columns 1 and 3 would both be named "x0"/);
    });

    it('blank lines before the header are skipped as Spark skips them, and a note says so', async () => {
      const dir = tempDir();
      const plain = join(dir, 'plain.csv');
      const blank = join(dir, 'blank.csv');
      const body = 'a,b\n1,2\n3,4\n5,6\n';
      writeFileSync(plain, body);
      writeFileSync(blank, `\n  \n${body}`);
      const outPlain = join(dir, 'plain');
      const outBlank = join(dir, 'blank');
      const first = await cliProcess(['suggest-baseline', '--dataset', plain, '--dataset-format', 'csv', '--header', '--output', outPlain]);
      const second = await cliProcess(['suggest-baseline', '--dataset', blank, '--dataset-format', 'csv', '--header', '--output', outBlank]);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(first.stderr, '');
      assert.match(second.stderr, /note: .*blank\.csv: lines 1-2 are blank and skipped, as SageMaker's CSV reader \(Spark\) skips blank lines; line 3 is the header\./);
      assert.equal(readFileSync(join(outBlank, 'statistics.json'), 'utf8'), readFileSync(join(outPlain, 'statistics.json'), 'utf8'));
    });
  });

  describe('output locations are checked before the analysis, and outputs are all or nothing', () => {
    const suggest = (output: string, ...more: string[]) => ['suggest-baseline', '--dataset', TRAINING, '--dataset-format', 'csv', '--header', '--output', output, ...more];

    it('--output naming a file: exit 2, a sentence, the file unchanged', async () => {
      const dir = tempDir();
      const file = join(dir, 'results');
      writeFileSync(file, 'mine');
      const run = await cliProcess(suggest(file));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /--output .*results is a file; give a folder/);
      assert.equal(readFileSync(file, 'utf8'), 'mine');
      const below = await cliProcess(suggest(join(file, 'sub')));
      assert.equal(below.code, 2, below.stderr);
      assert.match(below.stderr, /cannot be created: .*results is a file, not a folder/);
    });

    it('the kernel\'s /proc and /sys are refused at once, without a stack trace', async () => {
      for (const output of ['/proc/1/xx', '/sys/kernel/xx', '/proc']) {
        const run = await cliProcess(suggest(output));
        assert.equal(run.code, 2, `${output}: ${run.stderr}`);
        assert.match(run.stderr, /is inside \/(proc|sys), the kernel's virtual files; choose a folder of yours/);
        assert.doesNotMatch(run.stderr, /failed unexpectedly|\n\s+at /);
      }
    });

    it('an immutable folder is refused before the analysis with a sentence', async function () {
      const dir = tempDir();
      const locked = join(dir, 'locked');
      mkdirSync(locked);
      writeFileSync(join(locked, 'keep.txt'), 'mine');
      try {
        execFileSync('chattr', ['+i', locked], { stdio: 'ignore' });
      } catch {
        this.skip(); // no chattr, or a file system without the immutable flag
      }
      try {
        const run = await cliProcess(suggest(locked));
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /cannot write to --output .*locked: the operation is not permitted .*\(EPERM\); nothing was written\./);
        assert.doesNotMatch(run.stderr, /failed unexpectedly|\n\s+at /);
      } finally {
        execFileSync('chattr', ['-i', locked]);
      }
      assert.deepEqual(filesIn(locked), { 'keep.txt': 'mine' });
    });

    it('--overwrite with constraints.json a folder: refused before the analysis, statistics.json not replaced', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'statistics.json'), 'old statistics');
      mkdirSync(join(dir, 'constraints.json'));
      const run = await cliProcess(suggest(dir, '--overwrite'));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /constraints\.json is a folder; --overwrite replaces files only \(nothing was written\)/);
      assert.deepEqual(filesIn(dir), { 'statistics.json': 'old statistics', 'constraints.json': '<dir>' });
    });

    it('a run that fails on its input leaves no output folder and no staging files', async () => {
      const dir = tempDir();
      const dataset = join(dir, 'bad.csv');
      writeFileSync(dataset, 'a,b\n1,2\n3\n');
      const out = join(dir, 'out');
      const fresh = await cliProcess(['suggest-baseline', '--dataset', dataset, '--dataset-format', 'csv', '--header', '--output', out]);
      assert.equal(fresh.code, 2, fresh.stderr);
      assert.match(fresh.stderr, /bad\.csv:3: the row has 1 cells but the header has 2 columns/);
      assert.equal(existsSync(out), false);
      mkdirSync(out);
      writeFileSync(join(out, 'statistics.json'), 'old');
      const again = await cliProcess(['suggest-baseline', '--dataset', dataset, '--dataset-format', 'csv', '--header', '--output', out, '--overwrite']);
      assert.equal(again.code, 2, again.stderr);
      assert.deepEqual(filesIn(out), { 'statistics.json': 'old' });
    });
  });

  describe('messages say what and where', () => {
    it('a JSON error in a capture file names the column within its line', async () => {
      const dir = tempDir();
      const captures = join(dir, 'col.jsonl');
      const good = captureLine('1,2,3');
      const broken = good.replace('"mode":"INPUT"', '"mode" "INPUT"');
      const column = broken.indexOf('"mode" "INPUT"') + '"mode" '.length + 1;
      writeFileSync(captures, `${[good, good, good, good, good, broken].join('\n')}\n`);
      const run = await cliProcess(analyzeCaptures(captures, join(dir, 'out')));
      assert.equal(run.code, 2, run.stderr);
      assert.ok(run.stderr.includes(`col.jsonl:6: not valid JSON: expected ':' at column ${column}\n`), run.stderr);
    });

    it('a value of the wrong type names the field and the type expected, not "not valid JSON"', async () => {
      const dir = tempDir();
      const captures = join(dir, 'type.jsonl');
      writeFileSync(captures, `${captureLine('1,2,3').replace('"data":"1,2,3"', '"data":12345')}\n`);
      const run = await cliProcess(analyzeCaptures(captures, join(dir, 'out')));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /type\.jsonl:1: captureData\.endpointInput\.data: must be a string \(the payload's text\), found the number 12345/);
      assert.doesNotMatch(run.stderr, /not valid JSON/);
    });

    it('an empty analysis window says the files hold records outside it, and in which hours', async () => {
      const dir = tempDir();
      const captures = join(dir, 'captures');
      mkdirSync(captures);
      for (const hour of ['00', '01']) {
        writeFileSync(join(captures, `${hour}.jsonl`), `${captureLine('1,2,3', { time: `2024-01-01T${hour}:10:00Z` })}\n${captureLine('1,2,3', { time: `2024-01-01T${hour}:20:00Z` })}\n`);
      }
      const run = await cliProcess(analyzeCaptures(captures, join(dir, 'out'), '--start', '2024-02-01T00:00:00Z', '--end', '2024-02-01T01:00:00Z'));
      assert.equal(run.code, 2, run.stderr);
      assert.match(
        run.stderr,
        /Job inputs had no data: capture files .* hold 4 record\(s\), none with 2024-02-01T00:00:00.000Z <= inferenceTime < 2024-02-01T01:00:00.000Z; they hold data in 2 hours \(UTC\) 2024-01-01T00:00, 2024-01-01T01:00/,
      );
    });

    it('a bare NaN in statistics.json gets its line and column', async () => {
      const dir = tempDir();
      const statistics = join(dir, 'statistics.json');
      writeFileSync(statistics, readFileSync(BASELINE_STATISTICS, 'utf8').replace(/"sum" : [^,\n]+/, '"sum" : NaN'));
      const line = readFileSync(statistics, 'utf8').split('\n').findIndex((l) => l.includes('NaN')) + 1;
      const column = readFileSync(statistics, 'utf8').split('\n')[line - 1].indexOf('NaN') + 1;
      const run = await cliProcess(['analyze', '--dataset', TRAINING, '--dataset-format', 'csv', '--header', '--baseline-statistics', statistics, '--constraints', BASELINE_CONSTRAINTS, '--output', join(dir, 'out')]);
      assert.equal(run.code, 2, run.stderr);
      assert.ok(run.stderr.includes(`statistics.json:${line}: not valid JSON: NaN is not a JSON value`), run.stderr);
      assert.ok(run.stderr.includes(`(column ${column})`), run.stderr);
    });

    it('--version prints the version', async () => {
      const run = await cliProcess(['--version']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, `model-monitor ${version}\n`);
    });
  });
});
