/**
 * SageMaker's order of categorical buckets and suggested domains (categoricalOrder.ts): against the
 * spec's check values, against an independent model of Scala 2.12's maps running Deequ's histogram
 * pass (scala212Maps.ts), and end to end through baselines and monitoring runs on CSV and JSON Lines.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { javaStringHash, sageMakerCategoricalOrder, scalaImprove, scalaPairHash, trieOrderKey } from '../../../../src/monitoring/analysis/categoricalOrder';
import { runDataQualityMonitoring, suggestDataQualityBaseline, toSageMakerJson } from '../../../../src/monitoring/analysis/dataQuality';
import type { FeatureStatistics } from '../../../../src/monitoring/formats/statistics';
import { captureLine } from './captureFixtures';
import { deequHistogramOrder, javaHashCode, tuple2HashCode } from './scala212Maps';

const bucketValues = (feature: FeatureStatistics | undefined): string[] | undefined =>
  feature?.string_statistics?.distribution?.categorical?.buckets.map((bucket) => bucket.value);

/** `count` distinct texts, some non-ASCII (accents, CJK, an astral emoji: two UTF-16 units). */
const valuesOf = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => [`${prefix}${i}`, `é${prefix}${i}`, `日本${i}`, `${prefix}😀${i}`][i % 4]);

describe('categorical bucket order (Scala 2.12 HashMap iteration, as SageMaker writes it)', () => {
  describe('hash codes', () => {
    it("pairs hash as Scala 2.12's Tuple2: (\"peter\", \"spot\").hashCode == 713115107 (the spec's check)", () => {
      assert.equal(scalaPairHash('peter', 'spot'), 713115107);
      assert.equal(tuple2HashCode('peter', 'spot'), 713115107);
    });

    it("strings hash as Java's String.hashCode, over UTF-16 code units", () => {
      assert.equal(javaStringHash('hello'), 99162322);
      assert.equal(javaStringHash(''), 0);
      assert.equal(javaStringHash('é'), 233);
      assert.equal(javaStringHash('日本'), 26085 * 31 + 26412);
      assert.equal(javaStringHash('😀'), 0xd83d * 31 + 0xde00); // a surrogate pair, not the code point
      assert.equal(javaStringHash('polygenelubricants'), -2147483648); // wraps to Integer.MIN_VALUE
    });

    it('agrees with the independent hashes on arbitrary text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }), (a, b) => {
          assert.equal(javaStringHash(a), javaHashCode(a));
          assert.equal(scalaPairHash(a, b), tuple2HashCode(a, b));
        }),
      );
    });

    it('orders the trie by 5-bit groups from the low end', () => {
      // 32's lowest group is 0, so it comes before 1, whose lowest group is 1.
      assert.ok(trieOrderKey(32) < trieOrderKey(1));
      assert.ok(trieOrderKey(1) < trieOrderKey(2));
      assert.ok(trieOrderKey(0x7fffffff) < trieOrderKey(-1)); // differ only in the top 2-bit group
      // improve() worked by hand (32-bit two's complement arithmetic).
      assert.deepEqual([scalaImprove(0), scalaImprove(1), scalaImprove(99162322)], [-8130816, -8139033, 1864930842]);
    });
  });

  describe('against a model of Scala 2.12 maps running Deequ\'s histogram pass', () => {
    // A second low-cardinality column of 7 values keeps countByKey's map a HashMap (more than 4 pairs),
    // as in every real dataset we have; with 4 pairs or fewer in the whole dataset it would be a small
    // map in Spark's collect order, which nobody can know.
    const filler = valuesOf('f', 7);

    const columnArbitrary = fc.oneof(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 50, max: 90 }),
    );

    it('gives the model\'s order for columns of 1-6 and 50-90 distinct values, any first-seen order, with and without missing cells', () => {
      fc.assert(
        fc.property(
          columnArbitrary,
          fc.constantFrom('colour', 'c', '_c3', 'prénom', 'a b'),
          fc.boolean(),
          fc.integer({ min: 0, max: 1000 }),
          (distinct, name, withMissing, seed) => {
            const values = valuesOf(`v${seed}`, distinct);
            // Rows in a shuffled order (by seed), each value at least once.
            const order = values.map((_, i) => (i * 7919 + seed) % values.length);
            const firstSeen = [...new Set(order.map((i) => values[i]))];
            for (const value of values) if (!firstSeen.includes(value)) firstSeen.push(value);
            const rows: Record<string, string | null>[] = firstSeen.map((value, i) => ({ [name]: value, filler: filler[i % filler.length] }));
            for (const value of filler) rows.push({ [name]: firstSeen[0], filler: value });
            if (withMissing) rows.push({ [name]: null, filler: filler[0] });
            const expected = deequHistogramOrder(rows, [name, 'filler']).get(name);
            assert.deepEqual(sageMakerCategoricalOrder(name, firstSeen, withMissing), expected);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('does not depend on first-seen order', () => {
      const values = valuesOf('x', 5);
      const reversed = [...values].reverse();
      assert.deepEqual(sageMakerCategoricalOrder('col', values, false), sageMakerCategoricalOrder('col', reversed, false));
      const small = values.slice(0, 3);
      assert.deepEqual(sageMakerCategoricalOrder('col', small, false), sageMakerCategoricalOrder('col', [...small].reverse(), false));
    });

    it('pins hand-made columns (computed from the rules): pair order up to 4 values, value order from 5', () => {
      // Pinned from the model above; any change to the rules or hashes shows here.
      const pinned: [string, string[], boolean][] = [
        ['colour', ['red', 'green', 'blue'], false],
        ['colour', ['red', 'green', 'blue', 'amber'], false],
        ['colour', ['red', 'green', 'blue', 'amber', 'white'], false],
        ['city', ['Zürich', 'Genève', '東京', 'São Paulo', 'Köln', 'Łódź'], false],
        ['colour', ['red', 'green', 'blue', 'amber'], true],
      ];
      const got = pinned.map(([name, values, withNull]) => sageMakerCategoricalOrder(name, values, withNull));
      assert.deepEqual(got, PINNED_ORDERS);
      pinned.forEach(([name, values, withNull], index) => {
        const rows: Record<string, string | null>[] = values.map((value, i) => ({ [name]: value, filler: filler[i % filler.length] }));
        for (const value of filler) rows.push({ [name]: values[0], filler: value });
        if (withNull) rows.push({ [name]: null, filler: filler[0] });
        assert.deepEqual(deequHistogramOrder(rows, [name, 'filler']).get(name), PINNED_ORDERS[index], `${name} ${values.join(',')}`);
      });
    });
  });

  describe('in baselines and monitoring runs', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), 'dq-order-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    // 120 rows: colour (3 values), city (5, non-ASCII), code (60), size (numbers), note (4 values and missing).
    const colours = ['red', 'green', 'blue'];
    const cities = ['Zürich', 'Genève', '東京', 'São Paulo', 'Köln'];
    const codes = valuesOf('k', 60);
    const notes = ['a', 'b', 'c', 'd'];
    const rows = Array.from({ length: 120 }, (_, i) => ({
      colour: colours[i % 3],
      city: cities[(i * 3) % 5],
      code: codes[(i * 7) % 60],
      size: String(i % 10),
      note: i % 9 === 0 ? null : notes[i % 4],
    }));
    const columns = ['colour', 'city', 'code', 'note'];
    const expected = deequHistogramOrder(rows, [...columns, 'size']);
    const csvText = (header: boolean): string =>
      (header ? 'colour,city,code,size,note\n' : '') + rows.map((r) => [r.colour, r.city, r.code, r.size, r.note ?? ''].join(',')).join('\n') + '\n';

    it('writes CSV baseline buckets and domains in the order of the model, names from the header', async () => {
      const path = join(dir, 'data.csv');
      writeFileSync(path, csvText(true));
      const { statistics, constraints } = await suggestDataQualityBaseline({ kind: 'csv', path, header: true }, { workers: 1 });
      for (const name of columns) {
        const feature = statistics.features.find((f) => f.name === name);
        assert.deepEqual(bucketValues(feature), expected.get(name), name);
        assert.deepEqual(constraints.features.find((f) => f.name === name)?.string_constraints?.domains, expected.get(name), name);
      }
      // Not simply count order or first-seen order (so the test can tell).
      assert.notDeepEqual(expected.get('code'), codes);
      const distribution = constraints.monitoring_config?.distribution_constraints;
      assert.equal(distribution?.categorical_comparison_threshold, 0.1);
      assert.equal(distribution?.categorical_drift_method, 'LInfinity');
      assert.match(toSageMakerJson(constraints), /"categorical_drift_method" : "LInfinity"/);
    });

    it('uses _c0, _c1, … in the pairs of a CSV without header', async () => {
      const path = join(dir, 'noheader.csv');
      writeFileSync(path, csvText(false));
      const renamed = rows.map((r) => ({ _c0: r.colour, _c1: r.city, _c2: r.code, _c3: r.size, _c4: r.note }));
      const order = deequHistogramOrder(renamed, ['_c0', '_c1', '_c2', '_c3', '_c4']);
      const { statistics } = await suggestDataQualityBaseline({ kind: 'csv', path, header: false }, { workers: 1 });
      for (const name of ['_c0', '_c1', '_c2', '_c4']) assert.deepEqual(bucketValues(statistics.features.find((f) => f.name === name)), order.get(name), name);
    });

    it('gives the same order for JSON Lines input', async () => {
      const path = join(dir, 'data.jsonl');
      writeFileSync(path, rows.map((r) => JSON.stringify(r.note === null ? { ...r, note: undefined } : r)).join('\n') + '\n');
      const { statistics } = await suggestDataQualityBaseline({ kind: 'jsonl', path }, { workers: 1 });
      for (const name of columns) assert.deepEqual(bucketValues(statistics.features.find((f) => f.name === name)), expected.get(name), name);
    });

    it('orders a monitoring run\'s buckets by the baseline\'s column names', async () => {
      const path = join(dir, 'base.csv');
      writeFileSync(path, csvText(true));
      const baseline = await suggestDataQualityBaseline({ kind: 'csv', path, header: true }, { workers: 1 });
      const capture = join(dir, 'capture.jsonl');
      // Captured rows: output first, so the model's output is the first baseline column (colour).
      writeFileSync(
        capture,
        rows.map((r, i) => captureLine([r.city, r.code, r.size, r.note ?? ''].join(','), r.colour, `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, `e${i}`)).join('\n') + '\n',
      );
      const run = await runDataQualityMonitoring({ kind: 'capture', paths: [capture] }, baseline, { workers: 1 });
      for (const name of columns) assert.deepEqual(bucketValues(run.statistics.features.find((f) => f.name === name)), expected.get(name), name);
    });

    it('writes no categorical drift settings for an all-numeric dataset', async () => {
      const path = join(dir, 'numbers.csv');
      writeFileSync(path, 'a,b\n' + rows.map((r, i) => `${r.size},${i}`).join('\n') + '\n');
      const { constraints } = await suggestDataQualityBaseline({ kind: 'csv', path, header: true }, { workers: 1 });
      assert.deepEqual(constraints.monitoring_config?.distribution_constraints, { perform_comparison: 'Enabled', comparison_threshold: 0.1, comparison_method: 'Robust' });
      const chosen = await suggestDataQualityBaseline({ kind: 'csv', path, header: true }, { workers: 1, categoricalDriftMethod: 'ChiSquared' });
      assert.equal(chosen.constraints.monitoring_config?.distribution_constraints?.categorical_drift_method, 'ChiSquared');
    });
  });
});

const PINNED_ORDERS: string[][] = [
  ['blue', 'red', 'green'],
  ['blue', 'red', 'green', 'amber'],
  ['blue', 'amber', 'green', 'white', 'red'],
  ['São Paulo', '東京', 'Łódź', 'Köln', 'Genève', 'Zürich'],
  // 4 values and a missing cell: 5 entries in Deequ's map, so value order (a guess; see categoricalOrder.ts).
  ['blue', 'amber', 'green', 'red'],
];
