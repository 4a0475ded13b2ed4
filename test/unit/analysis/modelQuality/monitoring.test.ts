/** A model-quality monitoring run: captured predictions merged with ground truth, then checked. */
import assert from 'node:assert/strict';
import { runModelQualityMonitoring, suggestModelQualityBaseline, type ModelQualityConfig } from '../../../../src/monitoring/analysis/modelQuality';
import { MonitoringError } from '../../../../src/monitoring/errors';
import type { MetricValue } from '../../../../src/monitoring/formats/statistics';
import { captureLine, groundTruthLine, tempDir, writeLines } from './support';

const dir = tempDir();
const config: ModelQualityConfig = {
  problemType: 'BinaryClassification',
  inferenceAttribute: '0',
  probabilityAttribute: '0',
  probabilityThresholdAttribute: 0.5,
};

async function baselineConstraints() {
  const path = writeLines(dir, 'baseline.csv', ['probability,label', '0.9,1', '0.8,1', '0.2,0', '0.1,0']);
  const { constraints } = await suggestModelQualityBaseline(
    { kind: 'csv', path, header: true },
    { ...config, inferenceAttribute: 'probability', probabilityAttribute: 'probability', groundTruthAttribute: 'label' },
  );
  return constraints;
}

describe('model quality monitoring', () => {
  it('joins on inferenceId when present, else eventId, and binarises the captured probability', async () => {
    const captures = writeLines(dir, 'captures.jsonl', [
      captureLine({ eventId: 'e1', inferenceId: 'i1', time: '2024-01-01T10:00:00Z', output: '0.9' }),
      captureLine({ eventId: 'e2', time: '2024-01-01T10:01:00Z', output: '0.3' }),
      captureLine({ eventId: 'e3', time: '2024-01-01T10:02:00Z', output: '0.7' }),
      captureLine({ eventId: 'e4', time: '2024-01-01T10:03:00Z', output: '0.6' }), // no ground truth: dropped
    ]);
    const truth = writeLines(dir, 'truth.jsonl', [
      groundTruthLine('i1', '1'),
      groundTruthLine('e1', '0'), // keyed by the eventId of a capture that has an inferenceId: not joined
      groundTruthLine('e2', '1'),
      groundTruthLine('e3', '0'),
      groundTruthLine('unknown', '1'),
    ]);
    const { statistics, violations, merge } = await runModelQualityMonitoring(
      { paths: [captures] },
      { paths: [truth] },
      config,
      await baselineConstraints(),
    );
    assert.deepEqual(merge, { capturedRecords: 4, capturedInWindow: 4, groundTruthRecords: 5, merged: 3 });
    const m = statistics.binary_classification_metrics as Record<string, MetricValue>;
    assert.equal(statistics.dataset?.item_count, 3);
    // (0.9 → 1, actual 1), (0.3 → 0, actual 1), (0.7 → 1, actual 0)
    assert.deepEqual(m.confusion_matrix, { '0': { '0': 0, '1': 1 }, '1': { '0': 1, '1': 1 } });
    assert.ok(violations.violations.some((v) => v.metric_name === 'accuracy' && v.description.startsWith('Metric accuracy with 0.3333333333333333 was')));
  });

  it('keeps only captures inside [start, end)', async () => {
    const captures = writeLines(dir, 'window.jsonl', [
      captureLine({ eventId: 'a', time: '2024-01-01T09:59:59Z', output: '0.9' }),
      captureLine({ eventId: 'b', time: '2024-01-01T10:00:00Z', output: '0.9' }),
      captureLine({ eventId: 'c', time: '2024-01-01T11:00:00Z', output: '0.9' }),
    ]);
    const truth = writeLines(dir, 'window-truth.jsonl', ['a', 'b', 'c'].map((id) => groundTruthLine(id, '1')));
    const { merge } = await runModelQualityMonitoring(
      { paths: [captures], start: new Date('2024-01-01T10:00:00Z'), end: new Date('2024-01-01T11:00:00Z') },
      { paths: [truth] },
      config,
      await baselineConstraints(),
    );
    assert.equal(merge.merged, 1);
  });

  it('reads the prediction from JSON endpoint output by JSONPath', async () => {
    const captures = writeLines(dir, 'json.jsonl', [
      captureLine({ eventId: 'x', time: '2024-01-01T10:00:00Z', output: '{"predictions":[{"score":0.2}]}', encoding: 'JSON' }),
    ]);
    const truth = writeLines(dir, 'json-truth.jsonl', [groundTruthLine('x', '0')]);
    const jsonConfig = { ...config, inferenceAttribute: '$.predictions[0].score', probabilityAttribute: '$.predictions[0].score' };
    const { statistics } = await runModelQualityMonitoring({ paths: [captures] }, { paths: [truth] }, jsonConfig, await baselineConstraints());
    assert.deepEqual((statistics.binary_classification_metrics as Record<string, unknown>).confusion_matrix, {
      '0': { '0': 1, '1': 0 },
      '1': { '0': 0, '1': 0 },
    });
  });

  it('fails with BadData naming the window and the files when no ground truth merges', async () => {
    const captures = writeLines(dir, 'lonely.jsonl', [captureLine({ eventId: 'p', time: '2024-01-01T10:00:00Z', output: '0.9' })]);
    const truth = writeLines(dir, 'other-truth.jsonl', [groundTruthLine('q', '1')]);
    await assert.rejects(
      runModelQualityMonitoring(
        { paths: [captures], start: new Date('2024-01-01T10:00:00Z'), end: new Date('2024-01-01T11:00:00Z') },
        { paths: [truth] },
        config,
        await baselineConstraints(),
      ),
      (e: unknown) =>
        e instanceof MonitoringError &&
        e.kind === 'BadData' &&
        e.message.includes('No ground truth could be merged') &&
        e.message.includes('between 2024-01-01T10:00:00.000Z and 2024-01-01T11:00:00.000Z') &&
        e.message.includes(captures) &&
        e.message.includes(truth),
    );
  });

  it('rejects constraints of another problem type, and a CSV output attribute that is not an index', async () => {
    const captures = writeLines(dir, 'c.jsonl', [captureLine({ eventId: 'p', time: '2024-01-01T10:00:00Z', output: '0.9' })]);
    const truth = writeLines(dir, 't.jsonl', [groundTruthLine('p', '1')]);
    await assert.rejects(
      runModelQualityMonitoring({ paths: [captures] }, { paths: [truth] }, config, { version: 0, regression_constraints: {} }),
      /no "binary_classification_constraints".*regression_constraints/,
    );
    await assert.rejects(
      runModelQualityMonitoring({ paths: [captures] }, { paths: [truth] }, { ...config, inferenceAttribute: 'score', probabilityAttribute: undefined }, await baselineConstraints()),
      (e: unknown) => e instanceof MonitoringError && e.message.includes(`${captures}:1`) && e.message.includes('column index'),
    );
  });
});

describe('model quality baseline datasets', () => {
  it('reads JSON Lines by key and by JSONPath', async () => {
    const path = writeLines(dir, 'baseline.jsonl', ['{"out":{"p":0.8},"y":1}', '{"out":{"p":0.1},"y":0}', '{"out":{"p":0.6},"y":0}']);
    const { statistics } = await suggestModelQualityBaseline(
      { kind: 'jsonl', path },
      { problemType: 'Regression', inferenceAttribute: '$.out.p', groundTruthAttribute: 'y' },
    );
    assert.equal(statistics.dataset?.item_count, 3);
    assert.equal((statistics.regression_metrics as Record<string, MetricValue>).mae.value, (0.2 + 0.1 + 0.6) / 3);
  });

  it('names the file, line and problem for bad cells and unknown columns', async () => {
    const path = writeLines(dir, 'bad.csv', ['prediction,label', '1,0', 'x,1']);
    await assert.rejects(
      suggestModelQualityBaseline({ kind: 'csv', path, header: true }, { problemType: 'Regression', inferenceAttribute: 'prediction', groundTruthAttribute: 'label' }),
      (e: unknown) => e instanceof MonitoringError && e.kind === 'BadData' && e.message.startsWith(`${path}:3:`) && e.message.includes('"x" is not a number'),
    );
    await assert.rejects(
      suggestModelQualityBaseline({ kind: 'csv', path, header: true }, { problemType: 'Regression', inferenceAttribute: 'score', groundTruthAttribute: 'label' }),
      /no column "score"; the header has "prediction", "label"/,
    );
    await assert.rejects(
      suggestModelQualityBaseline({ kind: 'csv', path: `${dir}/missing.csv`, header: true }, { problemType: 'Regression', inferenceAttribute: 'a', groundTruthAttribute: 'b' }),
      (e: unknown) => e instanceof MonitoringError && e.kind === 'NotFound',
    );
  });

  it('binary labels must be 0 or 1 unless a threshold turns probabilities into labels', async () => {
    const path = writeLines(dir, 'probs.csv', ['p,y', '0.7,1']);
    await assert.rejects(
      suggestModelQualityBaseline({ kind: 'csv', path, header: true }, { problemType: 'BinaryClassification', inferenceAttribute: 'p', groundTruthAttribute: 'y' }),
      /not a binary class label \(0 or 1\); if it is a probability, give a probability threshold/,
    );
  });
});
