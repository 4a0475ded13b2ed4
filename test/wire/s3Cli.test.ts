/**
 * `model-monitor analyze` over S3 (moto): the same capture, ground truth and baselines read from an
 * S3 prefix give byte-for-byte the files the same data gives from a local folder; --output s3:// writes
 * them in S3; an empty window names the hours that hold data; S3 refusals say which action, which
 * resource and what to do.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DEMO, DEMO_BUCKET } from '../../src/monitoring/demo/demoScenario';
import { parseS3Uri } from '../../src/monitoring/objectStore';
import { startMotoServer, type MotoServer } from '../servers/motoServer';
import { cli, cliProcess } from '../unit/cli/cliSupport';
import { uploadDemo } from './demoInS3';
import { TEST_CREDENTIALS, TEST_REGION } from './awsFixture';

const HOUR_MS = 3_600_000;

/** The local file of an S3 URI in the demo workspace. */
const local = (root: string, uri: string) => {
  const { bucket, key } = parseS3Uri(uri);
  return join(root, 's3', bucket, ...key.split('/'));
};

async function getText(s3: S3Client, uri: string): Promise<string> {
  const { bucket, key } = parseS3Uri(uri);
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await out.Body?.transformToString('utf8')) ?? '';
}

/** A stand-in for S3 that answers every request with one error, to see what the CLI tells the user. */
async function failingS3(status: number, code: string, message: string): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    req.resume();
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>req-1</RequestId></Error>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, requests: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('model-monitor CLI over S3 (moto)', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let s3: S3Client;
  let root: string;
  let out: string;
  let firstHour: Date;
  const savedEnv: Record<string, string | undefined> = {};

  before(async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_REGION']) savedEnv[name] = process.env[name];
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_REGION;
    moto = await startMotoServer();
    s3 = new S3Client({ region: TEST_REGION, endpoint: moto.url, forcePathStyle: true, credentials: TEST_CREDENTIALS });
    out = mkdtempSync(join(tmpdir(), 'model-monitor-s3cli-out-'));
    const demo = await uploadDemo(s3);
    root = demo.root;
    firstHour = demo.firstHour;
  });

  after(async () => {
    s3?.destroy();
    await moto?.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const s3Args = () => ['--region', TEST_REGION, '--endpoint-url', moto.url];
  const window = () => ['--start', new Date(firstHour.getTime()).toISOString(), '--end', new Date(firstHour.getTime() + 2 * HOUR_MS).toISOString()];
  const captureUri = `${DEMO.captureUri}/${DEMO.endpointName}/`;

  it('the built dist/cli.js loads the AWS SDK bundle only for s3:// input, and both runs give the same files', async () => {
    const baseline = `${DEMO.dataQuality.baselineUri}`;
    /** Our dist/ files the process loaded, by name. */
    const distFiles = (files: string[]) => files.filter((file) => basename(dirname(file)) === 'dist').map((file) => basename(file)).sort();
    const localRun = await cliProcess([
      'analyze', '--captures', local(root, captureUri), '--baseline-statistics', local(root, `${baseline}/statistics.json`),
      '--constraints', local(root, `${baseline}/constraints.json`), ...window(), '--output', join(out, 'built-local'),
    ]);
    assert.equal(localRun.code, 0, localRun.stderr);
    assert.deepEqual(distFiles(localRun.loadedFiles), ['cli.js']);
    const s3Run = await cliProcess([
      'analyze', '--captures', captureUri, '--baseline-statistics', `${baseline}/statistics.json`,
      '--constraints', `${baseline}/constraints.json`, ...window(), '--output', join(out, 'built-s3'), ...s3Args(),
    ]);
    assert.equal(s3Run.code, 0, s3Run.stderr);
    assert.deepEqual(distFiles(s3Run.loadedFiles), ['cli-aws-sdk.js', 'cli.js']);
    for (const name of ['statistics.json', 'constraint_violations.json', 'constraints.json']) {
      assert.equal(readFileSync(join(out, 'built-s3', name), 'utf8'), readFileSync(join(out, 'built-local', name), 'utf8'), name);
    }
  });

  it('data quality: an S3 capture prefix and S3 baselines give the files the same local data gives, and --output s3:// writes them', async () => {
    const baseline = `${DEMO.dataQuality.baselineUri}`;
    const localRun = await cli(
      'analyze', '--captures', local(root, captureUri), '--baseline-statistics', local(root, `${baseline}/statistics.json`),
      '--constraints', local(root, `${baseline}/constraints.json`), ...window(), '--output', join(out, 'dq-local'),
    );
    assert.equal(localRun.code, 0, localRun.stderr);
    const s3Output = `s3://${DEMO_BUCKET}/cli-output/dq/`;
    const s3Run = await cli(
      'analyze', '--captures', captureUri, '--baseline-statistics', `${baseline}/statistics.json`,
      '--constraints', `${baseline}/constraints.json`, ...window(), '--output', s3Output, ...s3Args(), '--concurrency', '3',
    );
    assert.equal(s3Run.code, 0, s3Run.stderr);
    assert.match(s3Run.stdout, new RegExp(`s3://${DEMO_BUCKET}/cli-output/dq/constraint_violations\\.json`));
    for (const name of ['statistics.json', 'constraint_violations.json', 'constraints.json']) {
      assert.equal(await getText(s3, `${s3Output}${name}`), readFileSync(join(out, 'dq-local', name), 'utf8'), name);
    }
    assert.equal(localRun.stdout.split('\n')[0], s3Run.stdout.split('\n')[0], 'same row count and violations');

    const again = await cli('analyze', '--captures', captureUri, '--baseline-statistics', `${baseline}/statistics.json`,
      '--constraints', `${baseline}/constraints.json`, ...window(), '--output', s3Output, ...s3Args());
    assert.equal(again.code, 2);
    assert.match(again.stderr, /cli-output\/dq\/statistics\.json already exists; pass --overwrite/);
  });

  it('data quality through a record preprocessor: S3 capture gives the files the same local capture gives, and the script changes them', async () => {
    const baseline = `${DEMO.dataQuality.baselineUri}`;
    const script = join(out, 'two_columns.py');
    // Two columns, the prediction and the first input, for the records predicting at least 10 rings.
    writeFileSync(
      script,
      [
        'def preprocess_handler(inference_record):',
        '    predicted = float(inference_record.endpoint_output.data.split(",")[0])',
        '    if predicted < 10:',
        '        return []',
        '    return {"a": predicted, "b": inference_record.endpoint_input.data.split(",")[0]}',
        '',
      ].join('\n'),
    );
    const args = (captures: string, output: string, ...more: string[]) => [
      'analyze', '--captures', captures, '--baseline-statistics', local(root, `${baseline}/statistics.json`),
      '--constraints', local(root, `${baseline}/constraints.json`), ...window(), '--output', join(out, output), ...more,
    ];
    const localRun = await cli(...args(local(root, captureUri), 'pp-local', '--record-preprocessor-script', script));
    assert.equal(localRun.code, 0, localRun.stderr);
    const s3Run = await cli(...args(captureUri, 'pp-s3', '--record-preprocessor-script', script, ...s3Args()));
    assert.equal(s3Run.code, 0, s3Run.stderr);
    for (const name of ['statistics.json', 'constraint_violations.json']) {
      assert.equal(readFileSync(join(out, 'pp-s3', name), 'utf8'), readFileSync(join(out, 'pp-local', name), 'utf8'), name);
    }
    const plain = await cli(...args(captureUri, 'pp-plain', ...s3Args()));
    assert.equal(plain.code, 0, plain.stderr);
    const statistics = (folder: string) => JSON.parse(readFileSync(join(out, folder, 'statistics.json'), 'utf8')) as { dataset: { item_count: number }; features: unknown[] };
    const through = statistics('pp-s3');
    const asCaptured = statistics('pp-plain');
    assert.equal(through.features.length, 2);
    assert.ok(asCaptured.features.length > 2);
    assert.ok(through.dataset.item_count > 0 && through.dataset.item_count < asCaptured.dataset.item_count, `${through.dataset.item_count} of ${asCaptured.dataset.item_count} records kept`);
  });

  it('model quality: S3 capture and ground truth give the files the same local data gives', async () => {
    const common = ['--analysis-type', 'MODEL_QUALITY', '--problem-type', 'Regression', '--inference-attribute', '0', '--seed', '7'];
    const constraints = `${DEMO.modelQuality.baselineUri}/constraints.json`;
    const localRun = await cli('analyze', '--captures', local(root, captureUri), '--ground-truth', local(root, DEMO.groundTruthUri),
      '--constraints', local(root, constraints), ...window(), '--output', join(out, 'mq-local'), ...common);
    assert.equal(localRun.code, 0, localRun.stderr);
    const s3Run = await cli('analyze', '--captures', captureUri, '--ground-truth', `${DEMO.groundTruthUri}/`,
      '--constraints', constraints, ...window(), '--output', join(out, 'mq-s3'), ...common, ...s3Args());
    assert.equal(s3Run.code, 0, s3Run.stderr);
    const clockless = (text: string) => text.replace(/"evaluation_time" : "[^"]*"/, '');
    for (const name of ['statistics.json', 'constraint_violations.json']) {
      assert.equal(clockless(readFileSync(join(out, 'mq-s3', name), 'utf8')), clockless(readFileSync(join(out, 'mq-local', name), 'utf8')), name);
    }
  });

  it('an empty window says which hours hold captured data', async () => {
    const baseline = `${DEMO.dataQuality.baselineUri}`;
    const run = await cli('analyze', '--captures', captureUri, '--baseline-statistics', `${baseline}/statistics.json`,
      '--constraints', `${baseline}/constraints.json`, '--start', '2024-04-01T00:00:00Z', '--end', '2024-04-01T02:00:00Z',
      '--output', join(out, 'empty'), ...s3Args());
    assert.equal(run.code, 2, run.stderr);
    const firstLabel = `${firstHour.toISOString().slice(0, 13)}:00Z`;
    assert.match(run.stderr, /no capture files under s3:\/\/model-monitor-demo\/.*abalone-xgb-demo\/ between 2024-04-01T00:00:00\.000Z and 2024-04-01T02:00:00\.000Z/);
    assert.ok(run.stderr.includes(`Hours that hold captured data nearby: ${firstLabel}`), run.stderr);
  });

  it('S3 refusals name the action and the resource; expired credentials and throttling say what to do', async () => {
    const args = (url: string) => ['analyze', '--captures', 's3://some-bucket/capture/ep/', '--baseline-statistics', join(root, 'missing.json'),
      '--constraints', local(root, `${DEMO.dataQuality.baselineUri}/constraints.json`), '--output', join(out, 'never'), '--region', TEST_REGION, '--endpoint-url', url];
    // Baseline statistics are read after the constraints: put the capture failure first by using local statistics.
    const statistics = local(root, `${DEMO.dataQuality.baselineUri}/statistics.json`);
    const withStats = (url: string) => args(url).map((arg) => (arg.endsWith('missing.json') ? statistics : arg));

    const denied = await failingS3(403, 'AccessDenied', 'Access Denied');
    try {
      const run = await cli(...withStats(denied.url));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /Access denied: the environment \(no profile chosen\) may not perform s3:ListBucket on s3:\/\/some-bucket\/capture\/ep\/\. Ask your AWS administrator/);
    } finally {
      await denied.close();
    }
    const expired = await failingS3(400, 'ExpiredToken', 'The provided token has expired.');
    try {
      const run = await cli(...withStats(expired.url));
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /credentials of the environment \(no profile chosen\) have expired\. Refresh them/);
      assert.doesNotMatch(run.stderr, /failed unexpectedly/);
    } finally {
      await expired.close();
    }
    const throttled = await failingS3(503, 'SlowDown', 'Please reduce your request rate.');
    try {
      const run = await cli(...withStats(throttled.url));
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /S3 is throttling ListObjectsV2 in us-east-1; still throttled after 5 attempts\. Wait a minute/);
      assert.equal(throttled.requests(), 5, 'retried before reporting');
    } finally {
      await throttled.close();
    }
  });
});
