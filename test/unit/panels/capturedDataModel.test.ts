import { strict as assert } from 'node:assert';
import type { CapturedLine } from '../../../src/monitoring/backend';
import { CELL_CHARS, capturedRow, LazyPager } from '../../../src/panels/capturedDataModel';

const uri = 's3://bucket/capture/ep/AllTraffic/2024/01/01/10/00-00-000-abc.jsonl';

function record(line: number, extra: { inferenceId?: string; input?: string; encoding?: 'CSV' | 'BASE64' } = {}): CapturedLine {
  return {
    kind: 'record',
    uri,
    line,
    record: {
      captureData: {
        endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: extra.input ?? '1,2,3', encoding: extra.encoding ?? 'CSV' },
        endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: '9.5', encoding: 'CSV' },
      },
      eventMetadata: { eventId: `event-${line}`, ...(extra.inferenceId ? { inferenceId: extra.inferenceId } : {}), inferenceTime: '2024-01-01T10:00:00Z' },
      eventVersion: '0',
    },
  };
}

describe('Captured data rows', () => {
  it('shows time, inference id (or the event id), decoded input and output, the file name and line', () => {
    assert.deepEqual(capturedRow(record(3, { inferenceId: 'inf-1' })), {
      uri,
      line: 3,
      file: '00-00-000-abc.jsonl',
      time: '2024-01-01T10:00:00Z',
      inferenceId: 'inf-1',
      input: '1,2,3',
      output: '9.5',
    });
    assert.equal(capturedRow(record(4)).inferenceId, 'event-4');
    assert.equal(capturedRow(record(5, { input: Buffer.from('a,b').toString('base64'), encoding: 'BASE64' })).input, 'a,b');
  });

  it('cuts long payloads for the table (the raw file has them whole)', () => {
    const row = capturedRow(record(1, { input: 'x'.repeat(CELL_CHARS + 10) }));
    assert.equal(row.input.length, CELL_CHARS + 1);
    assert.ok(row.input.endsWith('…'));
  });

  it('shows a malformed line with its file, line and problem', () => {
    const row = capturedRow({ kind: 'malformed', uri, line: 7, problem: `${uri}:7: eventMetadata: is missing`, text: '{"captureData":{}}' });
    assert.equal(row.file, '00-00-000-abc.jsonl');
    assert.equal(row.line, 7);
    assert.equal(row.problem, `${uri}:7: eventMetadata: is missing`);
    assert.equal(row.input, '{"captureData":{}}');
    assert.equal(row.time, '');
  });
});

describe('Paging a stream lazily', () => {
  async function* numbers(count: number, pulled: number[]): AsyncGenerator<number> {
    for (let i = 0; i < count; i++) {
      pulled.push(i);
      yield i;
    }
  }

  it('reads only as far as the page asked for, plus one to know whether there is a next page', async () => {
    const pulled: number[] = [];
    const pager = new LazyPager(numbers(1000, pulled), 10);
    const first = await pager.page(0);
    assert.deepEqual(first.items, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(first.hasNext, true);
    assert.equal(pulled.length, 11);
    const third = await pager.page(2);
    assert.deepEqual(third.items[0], 20);
    assert.equal(third.offset, 20);
    assert.equal(pulled.length, 31);
    await pager.page(0);
    assert.equal(pulled.length, 31, 'going back reads nothing again');
  });

  it('ends without an empty last page, and gives the last page for a page past the end', async () => {
    const pager = new LazyPager(numbers(20, []), 10);
    const second = await pager.page(1);
    assert.equal(second.items.length, 10);
    assert.equal(second.hasNext, false, 'exactly two full pages: no third');
    assert.deepEqual(pager.known, { count: 20, complete: true });
    const beyond = await pager.page(5);
    assert.equal(beyond.index, 1);
    const empty = await new LazyPager(numbers(0, []), 10).page(0);
    assert.deepEqual(empty, { index: 0, offset: 0, items: [], hasNext: false });
  });

  it('serves two page requests in flight without mixing their reads', async () => {
    const pager = new LazyPager(numbers(50, []), 10);
    const [a, b] = await Promise.all([pager.page(1), pager.page(0)]);
    assert.equal(a.items[0], 10);
    assert.equal(b.items[0], 0);
  });
});
