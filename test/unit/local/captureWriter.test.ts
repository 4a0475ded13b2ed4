import { strict as assert } from 'node:assert';
import { CaptureWriter, type CaptureSink } from '../../../src/monitoring/local/captureWriter';
import type { DataCaptureConfig } from '../../../src/monitoring/model';

const config: DataCaptureConfig = {
  enableCapture: true,
  initialSamplingPercentage: 100,
  destinationS3Uri: 's3://bucket/capture',
  captureModes: ['Input', 'Output'],
  csvContentTypes: ['text/csv'],
};

const exchange = (i: number) => ({
  inputContentType: 'text/csv',
  input: Buffer.from(`${i},0.5`),
  outputContentType: 'text/csv',
  output: Buffer.from('9.5'),
  inferenceId: `req-${i}`,
  time: new Date('2026-11-25T10:15:00Z'),
});

/** A sink whose disk fails the first `failures` writes. */
function flakySink(failures: number): CaptureSink & { files: Map<string, string> } {
  const files = new Map<string, string>();
  let left = failures;
  return {
    files,
    async putNew(uri, body) {
      if (left-- > 0) throw new Error('ENOSPC: no space left on device');
      files.set(uri, body);
      return true;
    },
  };
}

describe('the local endpoint’s capture writer', () => {
  it('keeps captured records when a write fails and writes them at the next flush, none lost or doubled', async () => {
    const sink = flakySink(1);
    const writer = new CaptureWriter(sink, { endpointName: 'ep', variantName: 'AllTraffic', flushIntervalMs: 0 });
    writer.capture(config, exchange(1));
    writer.capture(config, exchange(2));
    await writer.flush();
    assert.equal(sink.files.size, 0, 'the disk failed: nothing is written yet');
    writer.capture(config, exchange(3));
    await writer.close();
    const lines = [...sink.files.values()].flatMap((body) => body.trim().split('\n'));
    const ids = lines.map((l) => (JSON.parse(l) as { eventMetadata: { inferenceId: string } }).eventMetadata.inferenceId);
    assert.deepEqual(ids, ['req-1', 'req-2', 'req-3']);
    assert.ok([...sink.files.keys()].every((uri) => uri.startsWith('s3://bucket/capture/ep/AllTraffic/2026/11/25/10/')));
  });
});
