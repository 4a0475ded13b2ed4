import { strict as assert } from 'node:assert';
import { mapWithConcurrency } from '../../src/monitoring/concurrency';

describe('mapWithConcurrency', () => {
  it('keeps the input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapWithConcurrency([50, 10, 30, 0, 20, 5, 40], 3, async (ms, i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return i * 2;
    });
    assert.deepEqual(out, [0, 2, 4, 6, 8, 10, 12]);
    assert.equal(peak, 3);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await assert.rejects(
      mapWithConcurrency([1, 2, 3, 4, 5, 6], 2, async (n) => {
        started.push(n);
        await new Promise((r) => setTimeout(r, 5));
        if (n === 2) throw new Error('boom 2');
        return n;
      }),
      /boom 2/,
    );
    assert.ok(started.length <= 4, `started ${started.join(',')}`);
  });

  it('handles an empty list and refuses a bad limit', async () => {
    assert.deepEqual(await mapWithConcurrency([], 4, async () => 1), []);
    await assert.rejects(mapWithConcurrency([1], 0, async () => 1), /limit must be a positive integer/);
  });
});
