import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { explainNumbers, failureAdvice, likelyCause, parseViolationNumbers, rounded, roundedPercent } from '../../../src/panels/reportExplanations';
import { goldenPath } from '../support/fixtures';

interface CorpusEntry {
  constraint_check_type: string;
  description: string;
}

const corpus = JSON.parse(readFileSync(goldenPath('violation-descriptions-corpus', 'violations_by_check_type.json'), 'utf8')) as Record<string, CorpusEntry[]>;

describe('violation explanations', () => {
  it("reads the observed value and threshold out of every real SageMaker description in the corpus", () => {
    let parsed = 0;
    for (const [check, entries] of Object.entries(corpus)) {
      for (const entry of entries) {
        const numbers = parseViolationNumbers(check, entry.description);
        assert.ok(numbers.observed !== undefined && !Number.isNaN(numbers.observed), `${check}: no value read from ${JSON.stringify(entry.description)}`);
        // Only the 2019–2020 text ("Value: 0.0090 does not meet the constraint requirement!") states no threshold.
        if (!entry.description.startsWith('Value: ')) assert.ok(numbers.threshold !== undefined && !Number.isNaN(numbers.threshold), entry.description);
        parsed++;
      }
    }
    assert.ok(parsed > 150, `only ${parsed} descriptions in the corpus`);
  });

  it('keeps SageMaker\'s numbers exactly and rounds them only in our explanation', () => {
    const drift = parseViolationNumbers('baseline_drift_check', 'Baseline drift distance: 0.22532726282848708 exceeds threshold: 0.1');
    assert.deepEqual(drift, { observed: 0.22532726282848708, threshold: 0.1, comparison: '>', unit: 'number' });
    assert.equal(explainNumbers('baseline_drift_check', drift), 'distance 0.225 > threshold 0.1');
    const completeness = parseViolationNumbers('completeness_check', 'Data completeness requirement is not met. Expected: 100.0%. Observed: Only 93.0622009569378%.');
    assert.equal(completeness.observed, 0.930622009569378);
    assert.equal(explainNumbers('completeness_check', completeness), 'observed 93.1% < threshold 100%');
    const metric = parseViolationNumbers('LessThanThreshold', "Metric r2 with 0.3438655858684311 +/- 0.02680988061743677 was LessThanThreshold '0.48587073973145223'");
    assert.deepEqual([metric.observed, metric.threshold, metric.comparison], [0.3438655858684311, 0.48587073973145223, '<']);
    assert.equal(explainNumbers('LessThanThreshold', metric), 'value 0.344 < threshold 0.486');
    assert.deepEqual(parseViolationNumbers('baseline_drift_check', 'something else'), {});
  });

  it('rounds to three significant digits', () => {
    assert.equal(rounded(2.439962300259213), '2.44');
    assert.equal(rounded(1234567), '1.23e+6');
    assert.equal(rounded(0), '0');
    assert.equal(rounded(-0.0181), '-0.0181');
    assert.equal(roundedPercent(0.9306), '93.1%');
  });

  it('names the likely cause of the known false positives', () => {
    const extra = parseViolationNumbers(
      'extra_column_check',
      'There are extra columns in current dataset. Number of columns in current dataset: 10, Number of columns in baseline constraints: 9',
    );
    assert.match(likelyCause('extra_column_check', extra, {}) ?? '', /output column/);
    assert.match(likelyCause('baseline_drift_check', {}, { itemCount: 120 }) ?? '', /only 120 records/);
    assert.equal(likelyCause('baseline_drift_check', {}, { itemCount: 5000 }), undefined);
    assert.match(likelyCause('data_type_check', {}, { baselineType: 'Fractional', currentType: 'Fractional' }) ?? '', /such as 0 or 2/);
    assert.equal(likelyCause('data_type_check', {}, { baselineType: 'String' }), undefined);
  });

  it('says what to do for the known failures', () => {
    assert.equal(failureAdvice('Job inputs had no data: no captured records for endpoint "e"')?.kind, 'emptyWindow');
    assert.equal(failureAdvice('No ground truth data was found to merge with the captured data')?.kind, 'groundTruth');
    assert.equal(failureAdvice('Encoding mismatch: the capture is BASE64')?.kind, 'encoding');
    assert.equal(failureAdvice('The baseline constraints do not match the columns of the dataset')?.kind, 'baselineMismatch');
    assert.equal(failureAdvice('AlgorithmError: out of memory')?.kind, 'other');
    assert.equal(failureAdvice(undefined), undefined);
  });
});
