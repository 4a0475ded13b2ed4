/**
 * Record preprocessor and post-analytics processor scripts under SageMaker's contract, run by the
 * python3 on this machine: a script written for SageMaker changes what is analysed here the same way.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDataQualityMonitoring, suggestDataQualityBaseline, toSageMakerJson } from '../../../../src/monitoring/analysis/dataQuality';
import { MonitoringError } from '../../../../src/monitoring/errors';
import { captureLine } from './captureFixtures';
import { cli } from '../../cli/cliSupport';

describe('record preprocessor and post-analytics processor scripts (python3)', function () {
  this.timeout(30000);
  let dir: string;
  let captures: string;
  let baselineDir: string;
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dq-scripts-'));
    const lines = Array.from({ length: 300 }, (_, i) =>
      captureLine(`${(i % 17) / 4},${['red', 'blue', 'green'][i % 3]},${i % 5}`, String((i % 10) / 10), `2024-05-01T10:${String(i % 60).padStart(2, '0')}:00Z`, `e${i}`),
    );
    captures = file('capture.jsonl', lines.join('\n') + '\n');
    const baseline = await suggestDataQualityBaseline({ kind: 'capture', paths: [captures] }, { workers: 1 });
    baselineDir = mkdtempSync(join(dir, 'baseline-'));
    writeFileSync(join(baselineDir, 'statistics.json'), toSageMakerJson(baseline.statistics));
    writeFileSync(join(baselineDir, 'constraints.json'), toSageMakerJson(baseline.constraints));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const baseline = () => ({
    statistics: JSON.parse(readFileSync(join(baselineDir, 'statistics.json'), 'utf8')),
    constraints: JSON.parse(readFileSync(join(baselineDir, 'constraints.json'), 'utf8')),
  });

  it("runs AWS's documented example unchanged: output + input as zero-padded keys gives the native result", async () => {
    // From the SageMaker developer guide ("Preprocessing and Postprocessing"), with a print to show
    // that a script's own output does not get in the way.
    const script = file(
      'aws_example.py',
      [
        'def preprocess_handler(inference_record):',
        '    print("seen", inference_record.event_metadata.event_id)',
        '    input_data = inference_record.endpoint_input.data',
        '    output_data = inference_record.endpoint_output.data.rstrip("\\n")',
        '    data = output_data + "," + input_data',
        '    return { str(i).zfill(20) : d for i, d in enumerate(data.split(",")) }',
        '',
      ].join('\n'),
    );
    const logs: string[] = [];
    const native = await runDataQualityMonitoring({ kind: 'capture', paths: [captures] }, baseline(), { workers: 1 });
    const scripted = await runDataQualityMonitoring({ kind: 'capture', paths: [captures] }, baseline(), {
      recordPreprocessorScript: script,
      onScriptLog: (text) => logs.push(text),
    });
    assert.equal(toSageMakerJson(scripted.statistics), toSageMakerJson(native.statistics));
    assert.deepEqual(scripted.violations, native.violations);
    assert.match(logs.join(''), /seen e0/);
  });

  it('changes what is analysed: dropped records ([]), several rows per record, a logger argument', async () => {
    const script = file(
      'drop_and_split.py',
      [
        'def preprocess_handler(inference_record, logger):',
        '    score = float(inference_record.endpoint_output.data)',
        '    if score >= 0.5:',
        '        logger.info("dropping %s", inference_record.event_metadata.event_id)',
        '        return []',
        '    cells = inference_record.endpoint_input.data.split(",")',
        '    row = {"a_score": score, "b_colour": cells[1], "c_size": float(cells[0]), "d_n": int(cells[2])}',
        '    return [row, dict(row, a_score=None)]',
        '',
      ].join('\n'),
    );
    const result = await runDataQualityMonitoring({ kind: 'capture', paths: [captures] }, baseline(), { recordPreprocessorScript: script });
    assert.equal(result.statistics.dataset.item_count, 300); // 150 kept, two rows each
    const [score, colour] = result.statistics.features;
    assert.equal(score.name, baseline().constraints.features[0].name); // matched by position
    assert.equal(score.numerical_statistics?.common.num_missing, 150);
    assert.ok((score.numerical_statistics?.max ?? 1) < 0.5);
    assert.deepEqual(colour.string_statistics?.distribution?.categorical.buckets.reduce((n, b) => n + b.count, 0), 300);
  });

  it('flattens a nested JSON payload the analyzer cannot read natively', async () => {
    const nested = file(
      'nested.jsonl',
      Array.from({ length: 40 }, (_, i) =>
        JSON.stringify({
          captureData: {
            endpointInput: { observedContentType: 'application/json', mode: 'INPUT', data: JSON.stringify({ features: { x: i, tags: { colour: i % 2 ? 'odd' : 'even' } } }), encoding: 'JSON' },
            endpointOutput: { observedContentType: 'application/json', mode: 'OUTPUT', data: JSON.stringify({ score: i / 40 }), encoding: 'JSON' },
          },
          eventMetadata: { eventId: `n${i}`, inferenceTime: '2024-05-01T10:00:00Z' },
          eventVersion: '0',
        }),
      ).join('\n') + '\n',
    );
    const script = file(
      'flatten.py',
      [
        'import json',
        'def preprocess_handler(inference_record):',
        '    features = json.loads(inference_record.endpoint_input.data)["features"]',
        '    score = json.loads(inference_record.endpoint_output.data)["score"]',
        '    return {"0": score, "1": features["x"], "2": features["tags"]["colour"]}',
        '',
      ].join('\n'),
    );
    const { statistics } = await suggestDataQualityBaseline({ kind: 'capture', paths: [nested] }, { recordPreprocessorScript: script });
    assert.deepEqual(
      statistics.features.map((f) => [f.name, f.inferred_type]),
      [
        ['0', 'Fractional'],
        ['1', 'Integral'],
        ['2', 'String'],
      ],
    );
  });

  it('names the record (file:line) and shows the Python traceback when the script fails', async () => {
    const script = file('fails.py', ['def preprocess_handler(inference_record):', '    if inference_record.event_metadata.event_id == "e7":', '        return 1 / 0', '    return {"a": 1}', ''].join('\n'));
    await assert.rejects(
      runDataQualityMonitoring({ kind: 'capture', paths: [captures] }, baseline(), { recordPreprocessorScript: script }),
      (e: unknown) => {
        assert.ok(e instanceof MonitoringError);
        assert.match(e.message, /fails\.py failed on the record at .*capture\.jsonl:8: preprocess_handler\(\) raised:/);
        assert.match(e.message, /Traceback \(most recent call last\)[\s\S]*ZeroDivisionError: division by zero/);
        return true;
      },
    );
    const wrong = file('wrong.py', 'def preprocess_handler(inference_record):\n    return "a,b"\n');
    await assert.rejects(runDataQualityMonitoring({ kind: 'capture', paths: [captures] }, baseline(), { recordPreprocessorScript: wrong }), /returned str; expected a dict/);
    const none = file('none.py', 'def handler(record):\n    return {}\n');
    await assert.rejects(runDataQualityMonitoring({ kind: 'capture', paths: [captures] }, baseline(), { recordPreprocessorScript: none }), /defines no function preprocess_handler\(\)/);
  });

  it('says so clearly when the interpreter is missing', async () => {
    const script = file('ok.py', 'def preprocess_handler(inference_record):\n    return {"a": 1}\n');
    await assert.rejects(
      runDataQualityMonitoring({ kind: 'capture', paths: [captures] }, baseline(), { recordPreprocessorScript: script, python: join(dir, 'no-python-here') }),
      /the Python interpreter ".*no-python-here" was not found\. Install Python 3, or name the interpreter with MODEL_MONITOR_PYTHON/,
    );
  });

  it('analyze --record-preprocessor-script and --post-analytics-processor-script (output_path is the output folder)', async () => {
    const pre = file('keep_low.py', 'def preprocess_handler(r):\n    s = r.endpoint_output.data\n    return [] if float(s) >= 0.5 else { str(i).zfill(20): d for i, d in enumerate((s + "," + r.endpoint_input.data).split(",")) }\n');
    const post = file('post.py', 'import os\ndef postprocess_handler():\n    open(os.path.join(os.environ["output_path"], "post.txt"), "w").write("done")\n');
    const out = mkdtempSync(join(dir, 'out-'));
    const run = await cli(
      'analyze', '--captures', captures, '--baseline-statistics', join(baselineDir, 'statistics.json'), '--constraints', join(baselineDir, 'constraints.json'),
      '--output', out, '--overwrite', '--record-preprocessor-script', pre, '--post-analytics-processor-script', post,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Analysed 150 rows/);
    assert.equal(readFileSync(join(out, 'post.txt'), 'utf8'), 'done');
    const failing = file('post_fails.py', 'def postprocess_handler():\n    raise RuntimeError("no metrics endpoint")\n');
    const bad = await cli('analyze', '--captures', captures, '--baseline-statistics', join(baselineDir, 'statistics.json'), '--constraints', join(baselineDir, 'constraints.json'), '--output', out, '--overwrite', '--post-analytics-processor-script', failing);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /post_fails\.py failed: postprocess_handler\(\) raised:[\s\S]*RuntimeError: no metrics endpoint/);
    assert.ok(existsSync(join(out, 'statistics.json')));
    const missing = await cli('analyze', '--dataset', captures, '--dataset-format', 'json', '--baseline-statistics', join(baselineDir, 'statistics.json'), '--constraints', join(baselineDir, 'constraints.json'), '--output', out, '--overwrite', '--record-preprocessor-script', pre);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--record-preprocessor-script reads captured records: use it with --captures/);
  });
});
