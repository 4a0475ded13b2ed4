import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { KllSketch } from '../../../../src/monitoring/analysis/kll';
import { GOLDEN_DIR } from '../../support/fixtures';

const GOLDEN = GOLDEN_DIR;

interface GoldenFeature {
  name: string;
  numerical_statistics: {
    min: number;
    max: number;
    distribution: { kll: { buckets: unknown[]; sketch: { data: number[][] | string } } };
  };
}

function readCsv(path: string, header: boolean): { names: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const rows = lines.map((line) => line.split(','));
  return header ? { names: rows[0], rows: rows.slice(1) } : { names: [], rows };
}

/** A column's sketch as Spark builds it: one partition, then the final aggregation's merge. */
function sketchColumn(rows: string[][], column: number): KllSketch {
  const partition = new KllSketch();
  for (const row of rows) partition.update(Number(row[column]));
  return KllSketch.combinePartitions([partition]);
}

function features(path: string): GoldenFeature[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { features: GoldenFeature[] }).features;
}

describe('KLL sketch (Deequ QuantileNonSample, k = 2048, c = 0.64)', () => {
  describe('golden outputs of the real analyzer', () => {
    it('reproduces sketch data and buckets of the churn baseline (2,333 rows, one compaction)', () => {
      const dir = join(GOLDEN, 'ase-intro-churn-data-quality');
      const { names, rows } = readCsv(join(dir, 'training-dataset-with-header.csv'), true);
      let sketchesCompared = 0;
      for (const feature of features(join(dir, 'statistics.partial.json'))) {
        const sketch = sketchColumn(rows, names.indexOf(feature.name));
        const stats = feature.numerical_statistics;
        assert.deepEqual(sketch.buckets(stats.min, stats.max), stats.distribution.kll.buckets, `${feature.name} buckets`);
        const expected = stats.distribution.kll.sketch.data;
        if (expected === '__TRUNCATED_IN_LOG__') continue;
        assert.deepEqual(sketch.toData(), expected, `${feature.name} sketch data`);
        sketchesCompared++;
      }
      assert.equal(sketchesCompared, 29);
    });

    it('reproduces the Packt baseline (600 rows) and its 4-record monitoring run, constant columns included', () => {
      const dir = join(GOLDEN, 'packt-sagemaker-cookbook-ch07');
      const pairs: [string, string, boolean][] = [
        ['training_data.reconstructed_from_sketch.csv', 'baseline_statistics.json', true],
        ['monitoring_input.reconstructed.csv', 'monitoring_statistics.json', false],
      ];
      for (const [csv, statistics, header] of pairs) {
        const { rows } = readCsv(join(dir, csv), header);
        features(join(dir, statistics)).forEach((feature, column) => {
          const sketch = sketchColumn(rows, column);
          const stats = feature.numerical_statistics;
          assert.deepEqual(sketch.toData(), stats.distribution.kll.sketch.data, `${statistics} ${feature.name}`);
          assert.deepEqual(sketch.buckets(stats.min, stats.max), stats.distribution.kll.buckets, `${statistics} ${feature.name}`);
        });
      }
    });
  });

  describe('compaction rules', () => {
    it('keeps up to 2,050 values in input order, then compacts level 0 once into every other sorted value', () => {
      const values = Array.from({ length: 2333 }, (_, i) => ((i * 7919) % 2333) / 10);
      const sketch = new KllSketch();
      values.slice(0, 2050).forEach((v) => sketch.update(v));
      assert.deepEqual(sketch.toData(), [values.slice(0, 2050)]);
      values.slice(2050).forEach((v) => sketch.update(v));
      const sortedFirst = values.slice(0, 2050).sort((a, b) => a - b);
      assert.deepEqual(sketch.toData(), [values.slice(2050), sortedFirst.filter((_, i) => i % 2 === 0)]);
      assert.equal(sketch.count, 2333);
    });

    it("flips a level's offset before every odd-numbered compaction and appends to the next level", () => {
      // k = 8: level capacities 10, 8, 6, ... Values fall so sorting visibly reorders them.
      const sketch = new KllSketch(8, 0.64);
      for (let i = 1; i <= 24; i++) sketch.update(100 - i);
      // 11th value: level 0 (11 items) compacts with offset 0; 24th: 6 + 13 > 18 items, offset 1.
      assert.deepEqual(sketch.toData(), [[], [90, 92, 94, 96, 98, 77, 79, 81, 83, 85, 87, 89]]);
      const offsets: number[] = [];
      let seen = sketch.toState().compactions[0];
      for (let i = 0; i < 400 && offsets.length < 6; i++) {
        sketch.update(i);
        const state = sketch.toState();
        if (state.compactions[0] !== seen) {
          seen = state.compactions[0];
          offsets.push(state.offsets[0]);
        }
      }
      assert.deepEqual(offsets, [1, 0, 0, 1, 1, 0]); // compactions 3..8: the run 0,1,1,0,0,1,1,0 goes on
    });

    it('sizes levels as 2 * (ceil(k * c^h / 2) + 1); updates compact above the total, merges at it', () => {
      // Capacities 2050 + 1314 + 842 = 4206. Start with 4205 items, level 0 one short of full.
      const levels = (sizes: number[]) => sizes.map((size) => Array.from({ length: size }, (_, i) => i));
      const updated = KllSketch.fromData(levels([2049, 1314, 842]));
      assert.equal(updated.count, 2049 + 2 * 1314 + 4 * 842);
      updated.update(5000); // 4206 items: not above capacity, nothing happens
      assert.deepEqual(updated.toData().map((l) => l.length), [2050, 1314, 842]);
      updated.update(5001); // 4207 > 4206: the lowest full level (0) is compacted once
      assert.deepEqual(updated.toData().map((l) => l.length), [1, 1314 + 1025, 842]);

      const merged = KllSketch.fromData(levels([2049, 1314, 842]));
      merged.merge(KllSketch.fromData([[5000]])); // 4206 items: a merge condenses at capacity
      assert.deepEqual(merged.toData().map((l) => l.length), [0, 1314 + 1025, 842]);
      assert.equal(merged.count, 2050 + 2 * 1314 + 4 * 842);
    });

    it("condenses once more in Spark's final merge when a partition ends exactly at capacity", () => {
      const partition = new KllSketch();
      for (let i = 0; i < 2050; i++) partition.update(i);
      assert.equal(partition.levelCount, 1);
      const combined = KllSketch.combinePartitions([partition]);
      assert.equal(combined.levelCount, 2);
      assert.equal(combined.count, 2050);
    });
  });

  describe('buckets', () => {
    it('puts values in [lower, upper) and the maximum in the last bucket, with bounds min + (max - min) * i / 10', () => {
      const sketch = new KllSketch();
      [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 100].forEach((v) => sketch.update(v));
      const buckets = sketch.buckets(0, 100);
      assert.equal(buckets.length, 10);
      assert.deepEqual(buckets.map((b) => b.count), [1, 1, 1, 1, 1, 1, 1, 1, 1, 3]);
      const odd = sketch.buckets(73, 83);
      assert.equal(odd[9].upper_bound, 73 + ((83 - 73) * 10) / 10);
      assert.equal(odd[2].lower_bound, 73 + ((83 - 73) * 2) / 10);
    });

    it('gives a constant column 10 identical-bound buckets with all weight in the last', () => {
      const sketch = new KllSketch();
      for (let i = 0; i < 5; i++) sketch.update(1);
      assert.deepEqual(
        sketch.buckets(1, 1),
        Array.from({ length: 10 }, (_, i) => ({ lower_bound: 1, upper_bound: 1, count: i === 9 ? 5 : 0 })),
      );
    });

    it("tracks Deequ's running min/max, which start at Int.MaxValue / Int.MinValue", () => {
      const sketch = new KllSketch();
      sketch.update(3e9);
      assert.equal(sketch.aggregateMin, 2147483647);
      assert.equal(sketch.aggregateMax, 3e9);
    });
  });

  describe('properties', () => {
    it("buckets' counts sum to the sketch's total weight", () => {
      // Integer-valued data, so that min + (max - min) * 10 / 10 is exactly max (see the next test).
      const integers = fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 12000, size: 'max' });
      fc.assert(
        fc.property(integers, (values) => {
          const sketch = new KllSketch();
          values.forEach((v) => sketch.update(v));
          const min = Math.min(...values);
          const max = Math.max(...values);
          const sum = sketch.buckets(min, max).reduce((s, b) => s + b.count, 0);
          assert.equal(sum, sketch.count);
          assert.equal(sketch.count, values.length);
        }),
        { numRuns: 25 },
      );
    });

    it('loses the maximum, as Deequ does, when min + (max - min) rounds below max', () => {
      const sketch = new KllSketch();
      [-2.399720735091375e-241, 5e-324].forEach((v) => sketch.update(v));
      const buckets = sketch.buckets(-2.399720735091375e-241, 5e-324);
      assert.equal(buckets[9].upper_bound, 0);
      assert.equal(buckets.reduce((s, b) => s + b.count, 0), 1);
    });

    it('merging sketches of a split stream keeps the total weight and stays within the rank error bound', () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: 3000, maxLength: 20000, size: 'max' }),
          fc.integer({ min: 1, max: 5 }),
          (values, parts) => {
            const onePass = new KllSketch();
            values.forEach((v) => onePass.update(v));
            const partials = Array.from({ length: parts }, () => new KllSketch());
            values.forEach((v, i) => partials[Math.floor((i * parts) / values.length)].update(v));
            const merged = KllSketch.combinePartitions(partials);
            assert.equal(merged.count, values.length);
            const sorted = [...values].sort((a, b) => a - b);
            const bound = 0.01 * values.length;
            for (const q of [0.05, 0.25, 0.5, 0.75, 0.95]) {
              const x = sorted[Math.floor(q * (sorted.length - 1))];
              let trueRank = 0;
              while (trueRank < sorted.length && sorted[trueRank] <= x) trueRank++;
              assert.ok(Math.abs(merged.rank(x) - trueRank) <= bound, `merged rank at q=${q}`);
              assert.ok(Math.abs(onePass.rank(x) - trueRank) <= bound, `one-pass rank at q=${q}`);
            }
          },
        ),
        { numRuns: 15 },
      );
    });

    it('round-trips through toData/fromData and through toState/fromState (structured clone)', () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12000, size: 'max' }), fc.array(fc.double({ noNaN: true, min: -10, max: 10 }), { maxLength: 3000, size: 'max' }), (values, more) => {
          const sketch = new KllSketch();
          values.forEach((v) => sketch.update(v));
          assert.deepEqual(KllSketch.fromData(sketch.toData()).toData(), sketch.toData());
          const copy = KllSketch.fromState(structuredClone(sketch.toState()));
          more.forEach((v) => {
            sketch.update(v);
            copy.update(v);
          });
          assert.deepEqual(copy.toState(), sketch.toState());
        }),
        { numRuns: 20 },
      );
    });
  });

  it('gives the rank map, ranks and buckets Deequ reads from the items, with NaN, -0.0 and ties across levels', () => {
    /** Java's Double.compare, the order of Deequ's merge of the levels. */
    const compare = (a: number, b: number): number =>
      a < b ? -1 : a > b ? 1 : a === b ? (Object.is(a, -0) === Object.is(b, -0) ? 0 : Object.is(a, -0) ? -1 : 1) : Number.isNaN(a) === Number.isNaN(b) ? 0 : Number.isNaN(a) ? 1 : -1;
    /** The definition: items with their level's weight, in Double.compare order, equal (==) items sharing an entry. */
    const reference = (data: number[][]): { items: number[]; ranks: number[] } => {
      const weighted = data.flatMap((items, level) => items.map((item) => ({ item, weight: 2 ** level, level })));
      weighted.sort((a, b) => compare(a.item, b.item) || a.level - b.level);
      const items: number[] = [];
      const ranks: number[] = [];
      let running = 0;
      for (const { item, weight } of weighted) {
        running += weight;
        if (items.length > 0 && items[items.length - 1] === item) ranks[ranks.length - 1] = running;
        else {
          items.push(item);
          ranks.push(running);
        }
      }
      return { items, ranks };
    };
    const weightOf = (data: number[][], test: (item: number) => boolean): number =>
      data.reduce((sum, items, level) => sum + items.filter(test).length * 2 ** level, 0);
    const item = fc.oneof(fc.constantFrom(0, -0, NaN, 1, -1, 2.5), fc.integer({ min: -20, max: 20 }), fc.double({ noDefaultInfinity: false }));
    fc.assert(
      fc.property(fc.array(fc.array(item, { maxLength: 60 }), { minLength: 1, maxLength: 5 }), fc.array(item, { maxLength: 12 }), (data, probes) => {
        const sketch = KllSketch.fromData(data.map((items) => items.map((x) => (Number.isNaN(x) ? 0.5 : x))));
        const withNaN = KllSketch.fromState({ ...sketch.toState(), levels: data.map((items) => Float64Array.from(items)) });
        for (const s of [sketch, withNaN]) {
          const levels = s.toData();
          const map = s.rankMap();
          const expected = reference(levels);
          assert.deepEqual({ items: Array.from(map.items), ranks: Array.from(map.ranks) }, expected);
          for (const x of probes) {
            assert.equal(s.rank(x), weightOf(levels, (v) => !(v > x)), `rank(${x})`);
            assert.equal(s.rankExclusive(x), weightOf(levels, (v) => v < x), `rankExclusive(${x})`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects sketch data that is not numbers, naming the level and item', () => {
    assert.throws(() => KllSketch.fromData([[1, 2], [3, 'x' as unknown as number]]), /level 1 item 1/);
  });
});
