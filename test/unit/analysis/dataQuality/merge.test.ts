/**
 * Profiles are mergeable: profiling a split input part by part and merging gives the one-pass
 * result, and worker threads give exactly the same documents as a single thread.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { splitCsvLine, type CellTarget } from '../../../../src/monitoring/analysis/csvRows';
import { runDataQualityMonitoring, suggestDataQualityBaseline } from '../../../../src/monitoring/analysis/dataQuality';
import { DatasetProfile } from '../../../../src/monitoring/analysis/featureProfile';
import { captureLine } from './captureFixtures';
import { goldenPath } from '../../support/fixtures';

function profileRows(rows: string[]): DatasetProfile {
  const profile = new DatasetProfile();
  const target: CellTarget = profile;
  for (const row of rows) {
    const bytes = Buffer.from(row);
    splitCsvLine(bytes, 0, bytes.length, 0, target);
    profile.rowCount++;
  }
  return profile;
}

/** Values whose sums are exact in doubles (quarters, small magnitude), so sums must match bit for bit. */
const cell = fc.oneof(
  fc.integer({ min: -4000, max: 4000 }).map((q) => String(q / 4)),
  fc.integer({ min: -50, max: 50 }).map(String),
  fc.constantFrom('', 'a', 'b', 'c', 'x y'),
);

describe('data quality analyzer: merging partial profiles', function () {
  this.timeout(20000);

  it('merging the profiles of any split equals the one-pass profile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 6000, size: 'max' }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (tuples, cutSeeds) => {
          const rows = tuples.map((t) => t.join(','));
          const cuts = [...new Set(cutSeeds.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
          const bounds = [0, ...cuts, rows.length];
          const onePass = new DatasetProfile();
          onePass.merge(profileRows(rows));
          const merged = new DatasetProfile();
          for (let i = 0; i + 1 < bounds.length; i++) merged.merge(profileRows(rows.slice(bounds[i], bounds[i + 1])));
          assert.equal(merged.rowCount, onePass.rowCount);
          onePass.columns.forEach((expected, index) => {
            const actual = merged.columns[index];
            assert.equal(actual.present, expected.present);
            assert.deepEqual(actual.typeCounts, expected.typeCounts);
            assert.equal(actual.moments.count, expected.moments.count);
            assert.equal(actual.moments.sum, expected.moments.sum);
            assert.equal(actual.moments.min, expected.moments.min);
            assert.equal(actual.moments.max, expected.moments.max);
            assert.ok(Math.abs(actual.moments.stdDev - expected.moments.stdDev) <= 1e-9 * Math.max(1, expected.moments.stdDev) || expected.moments.count === 0);
            assert.equal(actual.sketch.count, expected.sketch.count);
            assert.equal(actual.distinct.estimate(), expected.distinct.estimate());
            assert.deepEqual(actual.categories, expected.categories);
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives identical statistics and violations with 2 and 3 threads (this one and workers) as with 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-merge-'));
    try {
      const paths: string[] = [];
      let seed = 7;
      const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let f = 0; f < 6; f++) {
        const lines = Array.from({ length: 1500 }, (_, i) =>
          captureLine(`${(next() * 10).toFixed(3)},${['M', 'F', 'I'][Math.floor(next() * 3)]},${Math.floor(next() * 30)}`, `${next()}`, '2024-01-01T00:00:00Z', `e${f}-${i}`),
        );
        const path = join(dir, `part-${f}.jsonl`);
        writeFileSync(path, lines.join('\n') + '\n');
        paths.push(path);
      }
      const input = { kind: 'capture' as const, paths };
      const single = await suggestDataQualityBaseline(input, { workers: 1 });
      const threaded = await suggestDataQualityBaseline(input, { workers: 2 });
      assert.deepEqual(threaded, single);
      assert.equal(single.statistics.dataset.item_count, 9000);
      const progress: number[] = [];
      const runSingle = await runDataQualityMonitoring(input, single, { workers: 1 });
      const runThreaded = await runDataQualityMonitoring(input, single, { workers: 2, onProgress: (read) => progress.push(read) });
      assert.deepEqual(runThreaded, runSingle);
      assert.deepEqual(await runDataQualityMonitoring(input, single, { workers: 3 }), runSingle);
      assert.deepEqual(runSingle.violations.violations, []);
      assert.ok(progress.length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(suggestDataQualityBaseline({ kind: 'csv', path: goldenPath('ase-intro-churn-data-quality', 'training-dataset-with-header.csv'), header: true }, { signal: controller.signal }), /abort/i);
  });
});
