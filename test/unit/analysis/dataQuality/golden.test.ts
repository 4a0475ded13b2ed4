/**
 * Our data-quality analyzer against real outputs of SageMaker's analyzer, on their exact inputs
 * (test/fixtures/golden; see each case's SOURCE.md). Numbers must match to the last bit.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDataQualityMonitoring, suggestDataQualityBaseline, toSageMakerJson } from '../../../../src/monitoring/analysis/dataQuality';
import type { DataQualityConstraints } from '../../../../src/monitoring/formats/constraints';
import type { DataQualityStatistics } from '../../../../src/monitoring/formats/statistics';
import { captureLine } from './captureFixtures';
import { GOLDEN_DIR } from '../../support/fixtures';

const GOLDEN = GOLDEN_DIR;
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('data quality analyzer: SageMaker golden outputs', function () {
  this.timeout(20000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'dq-golden-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('ase-intro-churn-data-quality (2,333 × 70 CSV with header)', () => {
    const caseDir = join(GOLDEN, 'ase-intro-churn-data-quality');
    let result: { statistics: DataQualityStatistics; constraints: DataQualityConstraints };
    before(async () => {
      result = await suggestDataQualityBaseline(
        { kind: 'csv', path: join(caseDir, 'training-dataset-with-header.csv'), header: true },
        { workers: 1, outputShape: 'legacy' },
      );
    });

    it('suggests exactly the constraints SageMaker suggested (all 70 features and monitoring_config)', () => {
      assert.deepEqual(result.constraints, readJson(join(caseDir, 'constraints.json')));
    });

    it('computes the statistics SageMaker computed, sketches included, for the 33 features the log kept', () => {
      const golden = readJson<DataQualityStatistics>(join(caseDir, 'statistics.partial.json'));
      assert.equal(result.statistics.dataset.item_count, golden.dataset.item_count);
      assert.equal(result.statistics.features.length, 70);
      golden.features.forEach((expected, index) => {
        const actual = structuredClone(result.statistics.features[index]);
        const sketch = expected.numerical_statistics?.distribution?.kll.sketch;
        if (sketch !== undefined && (sketch.data as unknown) === '__TRUNCATED_IN_LOG__') {
          // The CloudWatch log cut these sketches; everything else about the feature is intact.
          actual.numerical_statistics!.distribution!.kll.sketch.data = sketch.data;
        }
        assert.deepEqual(actual, expected, `feature ${index} (${expected.name})`);
      });
    });
  });

  describe('packt-sagemaker-cookbook-ch07 (600 × 7 baseline, then 4 captured records)', () => {
    const caseDir = join(GOLDEN, 'packt-sagemaker-cookbook-ch07');

    it('writes baseline statistics.json and constraints.json byte for byte as SageMaker wrote them', async () => {
      const { statistics, constraints } = await suggestDataQualityBaseline(
        { kind: 'csv', path: join(caseDir, 'training_data.reconstructed_from_sketch.csv'), header: true },
        { workers: 1, outputShape: 'legacy' },
      );
      assert.equal(toSageMakerJson(statistics), readFileSync(join(caseDir, 'baseline_statistics.json'), 'utf8'));
      assert.equal(toSageMakerJson(constraints), readFileSync(join(caseDir, 'baseline_constraints.json'), 'utf8'));
    });

    it('reproduces the monitoring run: its statistics and its single data_type_check violation', async () => {
      // The real records came from several capture files, which Spark profiles as separate partitions
      // and merges; one record per file reproduces that merge (std_dev of `approved` depends on it).
      const rows = readFileSync(join(caseDir, 'monitoring_input.reconstructed.csv'), 'utf8').trim().split('\n');
      const paths = rows.map((row, index) => {
        const [output, ...inputs] = row.split(',');
        const path = join(dir, `packt-capture-${index}.jsonl`);
        writeFileSync(path, captureLine(inputs.join(','), output, `2021-06-13T18:${10 + index}:00Z`, `e${index}`) + '\n');
        return path;
      });
      const baseline = {
        statistics: readJson<DataQualityStatistics>(join(caseDir, 'baseline_statistics.json')),
        constraints: readJson<DataQualityConstraints>(join(caseDir, 'monitoring_constraints_used.json')),
      };
      const run = await runDataQualityMonitoring({ kind: 'capture', paths }, baseline, { workers: 1, outputShape: 'legacy' });
      assert.deepEqual(run.statistics, readJson(join(caseDir, 'monitoring_statistics.json')));
      assert.equal(toSageMakerJson(run.violations), readFileSync(join(caseDir, 'monitoring_constraint_violations.json'), 'utf8'));
      assert.deepEqual(run.constraints, baseline.constraints);
    });
  });
});
