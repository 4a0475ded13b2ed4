/**
 * `model-monitor profile` + `model-monitor merge`: a run cut into parts (say, one per capture file, on
 * separate machines) and merged gives the same files, byte for byte, as one run over all the inputs.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suggestDataQualityBaseline, toSageMakerJson } from '../../../src/monitoring/analysis/dataQuality';
import { parsePart, serializePart } from '../../../src/monitoring/analysis/profileParts';
import { captureLine } from '../analysis/dataQuality/captureFixtures';
import { tempDir } from '../analysis/modelQuality/support';
import { cli } from './cliSupport';

const FILES = ['statistics.json', 'constraint_violations.json', 'constraints.json'];

/** A capture file of `rows` records: a score, a 5-valued category with gaps, a fractional and a 3-valued text. */
function captureFile(dir: string, name: string, rows: number, seed: number): string {
  const kinds = ['alpha', 'béta', 'gamma', 'δέλτα', 'epsilon'];
  const lines = Array.from({ length: rows }, (_, i) => {
    const n = i + seed;
    const input = [n % 7 === 0 ? '' : kinds[(n * 3) % 5], ((n * 37) % 1000) / 7, ['x', 'y', 'z'][n % 3]].join(',');
    return captureLine(input, String((n * 13) % 101 / 100), `2024-05-01T1${seed % 10}:00:00Z`, `e${n}`);
  });
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('model-monitor CLI: profile parts and merge', () => {
  // More than 2,050 rows per file, so the KLL sketches compact and merge order matters.
  let dir: string;
  let first: string;
  let second: string;
  before(() => {
    dir = tempDir();
    first = captureFile(dir, 'hour-10.jsonl', 2600, 1);
    second = captureFile(dir, 'hour-11.jsonl', 2300, 5000);
  });

  it('merging the parts of two capture files gives the baseline one run over both gives', async () => {
    const expected = await suggestDataQualityBaseline({ kind: 'capture', paths: [first, second] }, { workers: 1 });
    const parts = [join(dir, 'b1.json'), join(dir, 'b2.json')];
    for (const [index, path] of [first, second].entries()) {
      const run = await cli('profile', '--captures', path, '--output', parts[index], '--workers', '1');
      assert.equal(run.code, 0, run.stderr);
    }
    const out = join(dir, 'merged-baseline');
    const run = await cli('merge', ...parts, '--output', out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Merged 2 part\(s\) into a baseline of 4900 rows/);
    assert.equal(readFileSync(join(out, 'statistics.json'), 'utf8'), toSageMakerJson(expected.statistics));
    assert.equal(readFileSync(join(out, 'constraints.json'), 'utf8'), toSageMakerJson(expected.constraints));
    // The order of the parts is the order of the input: swapped, the sketches differ.
    const swapped = join(dir, 'swapped');
    assert.equal((await cli('merge', parts[1], parts[0], '--output', swapped)).code, 0);
    assert.notEqual(readFileSync(join(swapped, 'statistics.json'), 'utf8'), toSageMakerJson(expected.statistics));
  });

  it('merging monitoring parts gives the files of one analyze run over both files', async () => {
    const baselineData = captureFile(dir, 'baseline.jsonl', 800, 77);
    const baseline = await suggestDataQualityBaseline({ kind: 'capture', paths: [baselineData] }, { workers: 1 });
    // Make the domain of the first text column miss some values, so categorical_values_check counts.
    const constraints = structuredClone(baseline.constraints);
    const feature = constraints.features.find((f) => f.string_constraints !== undefined)!;
    feature.string_constraints = { domains: (feature.string_constraints?.domains ?? []).slice(0, 3) };
    writeFileSync(join(dir, 'constraints.json'), toSageMakerJson(constraints));
    writeFileSync(join(dir, 'statistics.json'), toSageMakerJson(baseline.statistics));
    const baselineFlags = ['--constraints', join(dir, 'constraints.json'), '--baseline-statistics', join(dir, 'statistics.json')];

    const single = join(dir, 'single-run');
    const one = await cli('analyze', '--captures', first, second, ...baselineFlags, '--output', single, '--workers', '1');
    assert.equal(one.code, 0, one.stderr);
    const parts = [join(dir, 'm1.json'), join(dir, 'm2.json')];
    for (const [index, path] of [first, second].entries()) {
      const run = await cli('profile', '--captures', path, '--constraints', join(dir, 'constraints.json'), '--output', parts[index]);
      assert.equal(run.code, 0, run.stderr);
    }
    const merged = join(dir, 'merged-run');
    const run = await cli('merge', ...parts, ...baselineFlags, '--output', merged, '--fail-on-violations');
    assert.equal(run.code, 3, run.stderr);
    for (const name of FILES) assert.equal(readFileSync(join(merged, name), 'utf8'), readFileSync(join(single, name), 'utf8'), name);
    assert.match(readFileSync(join(merged, 'constraint_violations.json'), 'utf8'), /categorical_values_check/);
  });

  it('keeps every double exactly through a part file (NaN, infinities, -0, sketches)', async () => {
    const path = join(dir, 'b1.json');
    const part = parsePart(readFileSync(path, 'utf8'), path);
    const state = part.partitions[0];
    state.columns[0].moments.min = -0;
    state.columns[0].moments.max = Number.NEGATIVE_INFINITY;
    state.columns[0].moments.m2 = Number.NaN;
    const again = parsePart(serializePart(part), path);
    assert.ok(Object.is(again.partitions[0].columns[0].moments.min, -0));
    assert.equal(again.partitions[0].columns[0].moments.max, Number.NEGATIVE_INFINITY);
    assert.ok(Number.isNaN(again.partitions[0].columns[0].moments.m2));
    assert.deepEqual(again.partitions[0].columns[1].sketch.levels, state.columns[1].sketch.levels);
    assert.deepEqual(again.partitions[0].columns[1].distinct.registers, state.columns[1].distinct.registers);
  });

  it('refuses parts that do not belong together, naming the file and what differs', async () => {
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'a,b\n1,x\n2,y\n');
    const csvPart = join(dir, 'csv.json');
    assert.equal((await cli('profile', '--dataset', csv, '--dataset-format', 'csv', '--header', '--output', csvPart)).code, 0);
    const mixed = await cli('merge', join(dir, 'b1.json'), csvPart, '--output', join(dir, 'mixed'));
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /csv\.json: kind: the part profiles csv input, but .*b1\.json profiles capture input/);

    const notAPart = await cli('merge', join(dir, 'constraints.json'), '--output', join(dir, 'bad'));
    assert.equal(notAPart.code, 2);
    assert.match(notAPart.stderr, /constraints\.json: format: not a profile part/);

    const missing = await cli('merge', join(dir, 'no-such-part.json'), '--output', join(dir, 'x'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-part\.json does not exist/);

    const noParts = await cli('merge', '--output', join(dir, 'none'));
    assert.equal(noParts.code, 2);
    assert.match(noParts.stderr, /give the part files to merge/);
  });

  it('refuses a monitoring part counted against other constraints', async () => {
    const baseline = await suggestDataQualityBaseline({ kind: 'capture', paths: [second] }, { workers: 1 });
    writeFileSync(join(dir, 'other-constraints.json'), toSageMakerJson(baseline.constraints));
    const run = await cli('merge', join(dir, 'm1.json'), '--constraints', join(dir, 'other-constraints.json'), '--baseline-statistics', join(dir, 'statistics.json'), '--output', join(dir, 'y'));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /m1\.json: domains: the part counted known values against other constraints/);
  });
});
