/**
 * The seed scenario (spec §8): a baseline from the clean abalone training data, then endpoint traffic
 * perturbed the way the book's notebook does it (noise on 10 % of values, Sex re-drawn from {0, 1},
 * 5 % of values dropped). The monitoring run must report completeness violations on the eight inputs
 * and drift on Sex, and no data-type violations (every value is a float literal).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDataQualityMonitoring, suggestDataQualityBaseline } from '../../../../src/monitoring/analysis/dataQuality';
import { captureLine } from './captureFixtures';
import { ABALONE_DATA } from '../../support/fixtures';

const FEATURES = ['Sex', 'Length', 'Diameter', 'Height', 'WholeWeight', 'ShuckedWeight', 'VisceraWeight', 'ShellWeight'];
const SEX_CODE: Record<string, number> = { M: 2, F: 1, I: 0 };

/** Python's repr of a float for the values of this data set (always with a decimal point). */
const pyFloat = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));

/** A small seeded generator (mulberry32) and a Box–Muller normal draw. */
function random(seed: number): { uniform: () => number; normal: (mean: number, sd: number) => number } {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean: number, sd: number): number => mean + sd * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

describe('data quality analyzer: the abalone seed scenario (spec §8)', function () {
  this.timeout(20000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'dq-abalone-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports completeness on all eight inputs and drift on Sex for perturbed traffic', async () => {
    const rows = readFileSync(ABALONE_DATA, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(','))
      .map(([sex, ...rest]) => {
        const numbers = rest.map(Number);
        return { rings: numbers[7], features: [SEX_CODE[sex], ...numbers.slice(0, 7)] };
      });
    const train = rows.filter((_, i) => i % 10 !== 0);
    const test = rows.filter((_, i) => i % 10 === 0);
    const trainPath = join(dir, 'abalone_train.csv');
    writeFileSync(trainPath, [['Rings', ...FEATURES].join(','), ...train.map((r) => [r.rings, ...r.features].map(pyFloat).join(','))].join('\n') + '\n');
    const baseline = await suggestDataQualityBaseline({ kind: 'csv', path: trainPath, header: true }, { workers: 1 });
    assert.ok(baseline.constraints.features.every((f) => f.inferred_type === 'Fractional' && f.completeness === 1));

    const rng = random(42);
    const lines: string[] = [];
    for (let pass = 0; pass < 3; pass++) {
      for (const row of test) {
        // add_randomness(probability=0.1): noisy multiplier on selected positions; Sex re-drawn unless selected.
        const selected = row.features.map(() => rng.uniform() < 0.1);
        const values = row.features.map((x, i) => (selected[i] ? x * rng.normal(1, 0.5) : x));
        values[0] = selected[0] ? row.features[0] : Math.floor(rng.uniform() * 2);
        // drop_randomly(probability=0.05)
        const cells = values.map((x) => (rng.uniform() < 0.05 ? '' : pyFloat(x)));
        const prediction = row.rings + rng.normal(0, 1.5);
        lines.push(captureLine(cells.join(','), pyFloat(prediction), '2024-01-01T00:30:00Z', `e${lines.length}`));
      }
    }
    const capturePath = join(dir, 'traffic.jsonl');
    writeFileSync(capturePath, lines.join('\n') + '\n');

    const run = await runDataQualityMonitoring({ kind: 'capture', paths: [capturePath] }, baseline, { workers: 1 });
    const violations = run.violations.violations;
    const byType = (type: string): string[] => violations.filter((v) => v.constraint_check_type === type).map((v) => v.feature_name!);
    assert.deepEqual(byType('completeness_check'), FEATURES);
    assert.ok(byType('baseline_drift_check').includes('Sex'), JSON.stringify(violations));
    assert.deepEqual(byType('data_type_check'), []);
    const sexDrift = violations.find((v) => v.feature_name === 'Sex' && v.constraint_check_type === 'baseline_drift_check')!;
    assert.match(sexDrift.description, /^Baseline drift distance: 0\.\d+ exceeds threshold: 0\.1$/);
    for (const v of violations.filter((v) => v.constraint_check_type === 'completeness_check')) {
      assert.match(v.description, /^Data completeness requirement is not met\. Expected: 100\.0%\. Observed: Only 9\d\.\d+%\.$/);
    }
    assert.equal(run.statistics.dataset.item_count, test.length * 3);
    assert.equal(run.statistics.features[0].name, 'Rings');
  });
});
