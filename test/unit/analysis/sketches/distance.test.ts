import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chiSquaredCdf, chiSquaredSurvival, logGamma, sparkChiSquaredPValue } from '../../../../src/monitoring/analysis/chiSquared';
import { categoricalChiSquared, categoricalLInfinity, numericalDistance } from '../../../../src/monitoring/analysis/distance';
import { KllSketch } from '../../../../src/monitoring/analysis/kll';
import { goldenPath } from '../../support/fixtures';

const PACKT = goldenPath('packt-sagemaker-cookbook-ch07');

function sketchOf(values: number[]): KllSketch {
  const sketch = new KllSketch();
  values.forEach((v) => sketch.update(v));
  return sketch;
}

describe('drift distances (Deequ Distance)', () => {
  describe('numerical (KLL sketches)', () => {
    it('is the largest gap between the two rank CDFs over the union of items', () => {
      // CDFs at 1,2,3,4: baseline .25,.5,.75,1; current 0,0,.5,1 -> max gap 0.5 at x = 2.
      assert.equal(numericalDistance(sketchOf([1, 2, 3, 4]), sketchOf([3, 3, 4, 4]), 'Simple'), 0.5);
      assert.equal(numericalDistance(sketchOf([1, 2, 3]), sketchOf([1, 2, 3]), 'Simple'), 0);
      assert.equal(numericalDistance(sketchOf([1, 2]), sketchOf([5, 6]), 'Simple'), 1);
    });

    it('weighs higher sketch levels by 2^level', () => {
      // Baseline stands for 1 (w1) and 10 (w2): CDF(1) = 1/3. Current holds 1 only: CDF(1) = 1.
      assert.equal(numericalDistance(KllSketch.fromData([[1], [10]]), sketchOf([1]), 'Simple'), Math.abs(1 / 3 - 1));
    });

    it('Robust subtracts 1.8 * sqrt((n + m) / (n * m)) and floors at 0', () => {
      const baseline = sketchOf(Array.from({ length: 400 }, (_, i) => i));
      const current = sketchOf(Array.from({ length: 100 }, (_, i) => i + 200));
      const simple = numericalDistance(baseline, current, 'Simple');
      assert.equal(simple, 0.5);
      assert.equal(numericalDistance(baseline, current, 'Robust'), simple - 1.8 * Math.sqrt(500 / 40000));
      assert.equal(numericalDistance(sketchOf([1, 2]), sketchOf([5, 6]), 'Robust'), 0);
    });

    it('finds no drift in the Packt run: 4 records far off a 600-row baseline, Robust, threshold 0.1', () => {
      const read = (name: string) =>
        (JSON.parse(readFileSync(join(PACKT, name), 'utf8')) as { features: { name: string; numerical_statistics: { distribution: { kll: { sketch: { data: number[][] } } } } }[] }).features;
      const baseline = read('baseline_statistics.json');
      const current = read('monitoring_statistics.json');
      baseline.forEach((feature, i) => {
        const b = KllSketch.fromData(feature.numerical_statistics.distribution.kll.sketch.data);
        const c = KllSketch.fromData(current[i].numerical_statistics.distribution.kll.sketch.data);
        assert.ok(numericalDistance(b, c, 'Simple') > 0.1, `${feature.name} differs plainly`);
        assert.ok(!(numericalDistance(b, c, 'Robust') > 0.1), `${feature.name} raises no violation`);
      });
    });

    it('is NaN for an empty sketch', () => {
      assert.ok(Number.isNaN(numericalDistance(new KllSketch(), sketchOf([1]), 'Simple')));
    });
  });

  describe('categorical L-infinity', () => {
    it('compares frequencies over the union of categories', () => {
      const baseline = new Map([['a', 50], ['b', 50]]);
      const current = new Map([['a', 10], ['c', 10]]);
      assert.equal(categoricalLInfinity(baseline, current, 'Simple'), 0.5);
      assert.equal(categoricalLInfinity(baseline, current, 'Robust'), Math.max(0, 0.5 - 1.8 * Math.sqrt(120 / 2000)));
    });
  });

  describe('categorical chi-square', () => {
    it("returns Pearson's statistic (Simple) and Spark's p-value (Robust) against baseline proportions", () => {
      const baseline = new Map([['a', 200], ['b', 200], ['c', 400]]);
      const current = new Map([['a', 30], ['b', 20], ['c', 50]]);
      // Expected 25, 25, 50: statistic = 1 + 1 + 0 = 2 with 2 degrees of freedom, p = e^-1.
      assert.equal(categoricalChiSquared(baseline, current, 'Simple'), 2);
      assert.ok(Math.abs(categoricalChiSquared(baseline, current, 'Robust') - Math.exp(-1)) < 1e-14);
    });

    it('ignores values of unknown categories and merges small expected categories (Yates, then Cochran)', () => {
      const baseline = new Map([['a', 1000], ['b', 1000], ['rare', 10], ['rarer', 5]]);
      const current = new Map([['a', 40], ['b', 60], ['rare', 3], ['rarer', 0], ['new', 500]]);
      // 103 known values; expected ~51.1, 51.1, 0.51, 0.26: two of four below 5 > 0.2 * 4, so
      // 'rarer' joins 'rare' (0.77, 3 observed); still 1 of 3 below 5 > 0, so it joins 'a'.
      const expectedA = (1000 / 2015) * 103 + (10 / 2015) * 103 + (5 / 2015) * 103;
      const expectedB = (1000 / 2015) * 103;
      const statistic = (43 - expectedA) ** 2 / expectedA + (60 - expectedB) ** 2 / expectedB;
      assert.ok(Math.abs(categoricalChiSquared(baseline, current, 'Simple') - statistic) < 1e-12);
    });

    it('is NaN with fewer than 2 categories left', () => {
      assert.ok(Number.isNaN(categoricalChiSquared(new Map([['a', 10]]), new Map([['a', 3]]), 'Robust')));
      // Two categories that Cochran's rule (all expected >= 10) merges into one.
      assert.ok(Number.isNaN(categoricalChiSquared(new Map([['a', 10], ['b', 10]]), new Map([['a', 3], ['b', 4]]), 'Robust')));
    });
  });

  describe('chi-square distribution', () => {
    it('matches closed forms: df 2 survival is e^(-x/2), df 1 is erfc(sqrt(x/2))', () => {
      for (const x of [0.01, 0.5, 1, 3, 10, 50, 200]) {
        const exact = Math.exp(-x / 2);
        assert.ok(Math.abs(chiSquaredSurvival(x, 2) - exact) <= 2e-14 * exact, `df 2 at ${x}`);
      }
      assert.ok(Math.abs(chiSquaredSurvival(3.841458820694124, 1) - 0.05) < 1e-15);
      assert.ok(Math.abs(chiSquaredSurvival(6.634896601021214, 1) - 0.01) < 1e-15);
      assert.ok(Math.abs(chiSquaredCdf(18.307038053275146, 10) - 0.95) < 1e-14);
    });

    it('computes ln Gamma to about 1e-15', () => {
      assert.ok(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI)) < 5e-15);
      assert.ok(Math.abs(logGamma(10) - Math.log(362880)) < 5e-15);
      assert.ok(Math.abs(logGamma(1)) < 5e-15);
      assert.ok(Math.abs(logGamma(200.5) - 860.5822035097825) < 1e-12);
    });

    it("reports Spark's p-value as 1 - CDF, which is 0 far in the tail", () => {
      assert.equal(sparkChiSquaredPValue(200, 1), 0);
      assert.ok(chiSquaredSurvival(200, 1) > 0);
    });
  });
});
