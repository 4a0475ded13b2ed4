import { strict as assert } from 'node:assert';
import { mkdtemp, rm, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { CaptureRecord } from '../../../src/monitoring/formats/capture';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';
import { LocalEndpointServer, findRunningEndpoint } from '../../../src/monitoring/local/localEndpointServer';
import { GradientBoostedTrees } from '../../../src/monitoring/local/regressionModel';
import type { DataCaptureConfig } from '../../../src/monitoring/model';

const CAPTURE_ROOT = 's3://bucket/datacapture';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function trainModel(): GradientBoostedTrees {
  const rows: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i < 200; i++) {
    rows.push([i % 10, (i * 7) % 13, i % 3]);
    targets.push((i % 10) * 2 + (i % 3));
  }
  return GradientBoostedTrees.train(['a', 'b', 'c'], rows, targets, { rounds: 5 });
}

describe('LocalEndpointServer', () => {
  let root: string;
  let backend: LocalBackend;
  let model: GradientBoostedTrees;
  let clock: Date;
  let server: LocalEndpointServer | undefined;

  const capture = (extra: Partial<DataCaptureConfig> = {}): DataCaptureConfig => ({
    enableCapture: true,
    initialSamplingPercentage: 100,
    destinationS3Uri: CAPTURE_ROOT,
    captureModes: ['Input', 'Output'],
    csvContentTypes: ['text/csv'],
    jsonContentTypes: ['application/json'],
    ...extra,
  });

  async function start(options: { random?: () => number; flushIntervalMs?: number } = {}): Promise<LocalEndpointServer> {
    server = await LocalEndpointServer.start(backend, 'ep', { now: () => clock, flushIntervalMs: 0, refreshMs: 0, ...options });
    return server;
  }

  const post = (body: string, headers: Record<string, string>) => fetch(server!.invocationsUrl, { method: 'POST', headers, body });

  /** Every capture record written, by hour folder, in file order. */
  async function captured(): Promise<Map<string, { file: string; records: CaptureRecord[] }[]>> {
    const base = join(root, 's3', 'bucket', 'datacapture', 'ep', 'AllTraffic');
    const byHour = new Map<string, { file: string; records: CaptureRecord[] }[]>();
    const walk = async (dir: string, rel: string): Promise<void> => {
      for (const entry of (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((x, y) => (x.name < y.name ? -1 : 1))) {
        if (entry.isDirectory()) await walk(join(dir, entry.name), rel ? `${rel}/${entry.name}` : entry.name);
        else {
          const text = await readFile(join(dir, entry.name), 'utf8');
          const list = byHour.get(rel) ?? [];
          list.push({ file: entry.name, records: text.trim().split('\n').map((l) => JSON.parse(l) as CaptureRecord) });
          byHour.set(rel, list);
        }
      }
    };
    await walk(base, '');
    return byHour;
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mm-endpoint-'));
    backend = new LocalBackend(root);
    model = trainModel();
    clock = new Date('2024-05-01T10:15:30.123Z');
    await backend.createModel('m', model.toJSON());
    await backend.createEndpointConfig({ name: 'ep-config', variants: [{ variantName: 'AllTraffic', modelName: 'm' }], dataCapture: capture() });
    await backend.createEndpoint('ep', 'ep-config');
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('answers CSV and JSON requests with the model, and says where it listens while running', async () => {
    await start();
    const csv = await post('1,2,0\n5,1,2\n', { 'content-type': 'text/csv', 'x-amzn-sagemaker-inference-id': 'req-1' });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /^text\/csv/);
    assert.equal(csv.headers.get('x-amzn-invoked-production-variant'), 'AllTraffic');
    assert.deepEqual((await csv.text()).split('\n').map(Number), [model.predict([1, 2, 0]), model.predict([5, 1, 2])]);

    const json = await post(JSON.stringify({ instances: [[3, 4, 1], [null, 4, 1]] }), { 'content-type': 'application/json' });
    assert.equal(json.status, 200);
    assert.deepEqual(await json.json(), { predictions: [{ score: model.predict([3, 4, 1]) }, { score: model.predict([Number.NaN, 4, 1]) }] });

    const csvAsJson = await post('3,4,1', { 'content-type': 'text/csv', accept: 'application/json' });
    assert.deepEqual(await csvAsJson.json(), { predictions: [{ score: model.predict([3, 4, 1]) }] });

    assert.equal((await findRunningEndpoint(backend, 'ep'))?.invocationsUrl, server!.invocationsUrl);
    await server!.stop();
    server = undefined;
    assert.equal(await findRunningEndpoint(backend, 'ep'), undefined);
  });

  it('answers malformed requests with a 4xx that says what is wrong, and captures none of them', async () => {
    await start();
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['1,2', { 'content-type': 'text/csv' }, 400, /Row 1 has 2 values; the model expects 3 \(a, b, c\)/],
      ['a,b,c\n1,2,3', { 'content-type': 'text/csv' }, 400, /Row 1, column 1: "a" is not a number \(send the features without a header row\)/],
      ['', { 'content-type': 'text/csv' }, 400, /empty/],
      ['{"instances": [[1, 2, "x"]]}', { 'content-type': 'application/json' }, 400, /instances\[0\]\[2\]: "x" is not a number/],
      ['{"instances": [', { 'content-type': 'application/json' }, 400, /not valid JSON/],
      ['1,2,3', { 'content-type': 'image/png' }, 415, /Unsupported content type "image\/png"/],
      ['1,2,3', { 'content-type': 'text/csv', accept: 'image/png' }, 406, /text\/csv or application\/json/],
      ['1,2,3', { 'content-type': 'text/csv', 'x-amzn-sagemaker-inference-id': 'x'.repeat(65) }, 400, /inference id .* invalid/],
    ];
    for (const [body, headers, status, message] of cases) {
      const response = await post(body, headers);
      assert.equal(response.status, status, `${body} ${JSON.stringify(headers)}`);
      const error = (await response.json()) as { Message: string };
      assert.match(error.Message, message);
    }
    const wrongPath = await fetch(`${server!.url}/endpoints/other/invocations`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: '1,2,3' });
    assert.equal(wrongPath.status, 404);
    const badEscape = await fetch(`${server!.url}/endpoints/%E0%A4%A/invocations`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: '1,2,3' });
    assert.equal(badEscape.status, 404, 'a malformed escape in the path is a wrong path, not a server error');
    assert.match(((await badEscape.json()) as { Message: string }).Message, /%E0%A4%A is not served here/);
    await server!.flushCapture();
    assert.equal((await captured()).size, 0);
  });

  it("writes SageMaker's capture records into the invocation hour's folder, flushing on stop", async () => {
    await start();
    await post('1,2,0\n', { 'content-type': 'text/csv', 'x-amzn-sagemaker-inference-id': '17-abc' });
    await post(JSON.stringify({ instances: [[1, 2, 0]] }), { 'content-type': 'application/json' });
    clock = new Date('2024-05-01T11:00:01.500Z');
    await post('4,4,4', { 'content-type': 'text/csv' });
    await server!.stop();
    server = undefined;

    const byHour = await captured();
    assert.deepEqual([...byHour.keys()], ['2024/05/01/10', '2024/05/01/11']);
    const [tenOClock] = byHour.get('2024/05/01/10')!;
    assert.match(tenOClock.file, /^15-30-123-[0-9a-f-]{36}\.jsonl$/);
    const [csv, json] = tenOClock.records;
    assert.deepEqual(csv.captureData, {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2,0\n', encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: String(model.predict([1, 2, 0])), encoding: 'CSV' },
    });
    assert.equal(csv.eventMetadata.inferenceId, '17-abc');
    assert.equal(csv.eventMetadata.inferenceTime, '2024-05-01T10:15:30Z');
    assert.match(csv.eventMetadata.eventId, UUID);
    assert.equal(csv.eventVersion, '0');
    assert.equal(json.captureData.endpointInput?.encoding, 'JSON');
    assert.equal(json.captureData.endpointOutput?.encoding, 'JSON');
    assert.equal(json.eventMetadata.inferenceId, undefined, 'no inference id was sent');
    assert.notEqual(json.eventMetadata.eventId, csv.eventMetadata.eventId);
    const [elevenOClock] = byHour.get('2024/05/01/11')!;
    assert.match(elevenOClock.file, /^00-01-500-/);
    assert.equal(elevenOClock.records[0].eventMetadata.inferenceTime, '2024-05-01T11:00:01Z');
  });

  it('samples at the configured percentage, base64-encodes unlisted content types and picks up capture changes', async () => {
    const draws = [0.1, 0.6, 0.2, 0.9, 0.49, 0.51];
    let i = 0;
    await backend.updateDataCapture('ep', capture({ initialSamplingPercentage: 50, jsonContentTypes: undefined }));
    await start({ random: () => draws[i++ % draws.length] });
    for (let n = 0; n < 6; n++) await post(JSON.stringify([n, 1, 1]), { 'content-type': 'application/json', 'x-amzn-sagemaker-inference-id': `r${n}` });
    await server!.flushCapture();
    const records = [...(await captured()).values()].flat().flatMap((f) => f.records);
    assert.deepEqual(records.map((r) => r.eventMetadata.inferenceId), ['r0', 'r2', 'r4'], 'draws below 0.5 are captured');
    assert.equal(records[0].captureData.endpointInput?.encoding, 'BASE64');
    assert.equal(Buffer.from(records[0].captureData.endpointInput!.data, 'base64').toString(), '[0,1,1]');

    await backend.disableDataCapture('ep');
    await post('1,1,1', { 'content-type': 'text/csv', 'x-amzn-sagemaker-inference-id': 'after-disable' });
    await server!.flushCapture();
    assert.equal([...(await captured()).values()].flat().flatMap((f) => f.records).length, 3, 'nothing is captured once capture is off');
  });

  it('flushes buffered records on its own at the flush interval', async () => {
    await start({ flushIntervalMs: 50 });
    await post('1,2,3', { 'content-type': 'text/csv' });
    const deadline = Date.now() + 2000;
    while ((await captured()).size === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await captured()).size, 1);
  });

  it('refuses requests addressed to another host name (DNS rebinding) and captures none of them', async () => {
    await start();
    const { port } = new URL(server!.url);
    const send = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/endpoints/ep/invocations', method: 'POST', headers: { host, 'content-type': 'text/csv' } }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end('1,2,3');
      });
    for (const host of ['evil.example:' + port, 'evil.example', '127.0.0.1', `127.0.0.1:${Number(port) + 1}`, `127.0.0.1.evil.example:${port}`]) {
      const refused = await send(host);
      assert.equal(refused.status, 403, host);
      assert.match(refused.body, /answers only requests addressed to 127\.0\.0\.1:\d+ or localhost:\d+/, host);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) assert.equal((await send(host)).status, 200, host);
    await server!.flushCapture();
    assert.equal([...(await captured()).values()].flat().flatMap((f) => f.records).length, 3, 'only the three requests to our own origin are captured');
  });
});
