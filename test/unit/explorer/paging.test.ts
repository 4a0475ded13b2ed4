import { strict as assert } from 'node:assert';
import { PagedList } from '../../../src/explorer/pagedList';
import { BackgroundQueue } from '../../../src/explorer/backgroundQueue';
import type { Page, PageRequest } from '../../../src/monitoring/model';

/** A paged API over 0..n-1, `size` a page, recording the tokens it was asked for. */
function pagedApi(n: number, size: number) {
  const tokens: (string | undefined)[] = [];
  const fetch = async (request: PageRequest): Promise<Page<number>> => {
    tokens.push(request.nextToken);
    const start = Number(request.nextToken ?? 0);
    const items = Array.from({ length: Math.min(size, n - start) }, (_, i) => start + i);
    return { items, ...(start + size < n ? { nextToken: String(start + size) } : {}) };
  };
  return { fetch, tokens };
}

describe('the explorer’s paged lists', () => {
  it('shows the first page, then appends each next page when the user asks for more', async () => {
    const api = pagedApi(5, 2);
    const list = new PagedList(api.fetch);
    assert.deepEqual(await list.current(), [0, 1]);
    assert.ok(list.hasMore);
    await list.more();
    await list.more();
    assert.deepEqual(list.all, [0, 1, 2, 3, 4]);
    assert.equal(list.hasMore, false);
    await list.more(); // nothing left: no call
    assert.deepEqual(api.tokens, [undefined, '2', '4']);
  });

  it('appends a page once when "Load more" is clicked twice before it arrives', async () => {
    const api = pagedApi(6, 2);
    const list = new PagedList(api.fetch);
    await list.current();
    await Promise.all([list.more(), list.more()]);
    assert.deepEqual(list.all, [0, 1, 2, 3]);
    assert.deepEqual(api.tokens, [undefined, '2']);
    await list.more();
    assert.deepEqual(list.all, [0, 1, 2, 3, 4, 5]);
  });

  it('keeps what was loaded across redraws and starts over on refresh', async () => {
    const api = pagedApi(5, 2);
    const list = new PagedList(api.fetch);
    await list.current();
    await list.more();
    assert.deepEqual(await list.current(), [0, 1, 2, 3], 'a redraw does not call the API again');
    list.reset();
    assert.deepEqual(await list.current(), [0, 1]);
    assert.deepEqual(api.tokens, [undefined, '2', undefined]);
  });

  it('does not append a page that arrives after a refresh to the refreshed list, and loads a first page once', async () => {
    const api = pagedApi(5, 2);
    let hold: Promise<void> | undefined;
    const list = new PagedList(async (request: PageRequest) => {
      await hold;
      return api.fetch(request);
    });
    await list.current();
    let release: () => void = () => undefined;
    hold = new Promise((r) => (release = r));
    const stale = list.more(); // "Load more" clicked, then Refresh before its answer came
    list.reset();
    hold = undefined;
    assert.deepEqual(await Promise.all([list.current(), list.current()]), [[0, 1], [0, 1]]);
    release();
    await stale;
    assert.deepEqual(list.all, [0, 1]);
    assert.deepEqual(api.tokens, [undefined, undefined, '2'], 'two redraws asked for the first page once');
  });

  it('runs follow-up work a few at a time, and a failure does not stop the rest', async () => {
    const queue = new BackgroundQueue(2);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 6; i++) {
        queue.add(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          if (i === 2) throw new Error('describe failed');
          done.push(i);
          if (done.length === 5) resolve();
        });
      }
    });
    assert.equal(peak, 2);
    assert.deepEqual(done.sort(), [0, 1, 3, 4, 5]);
  });
});
