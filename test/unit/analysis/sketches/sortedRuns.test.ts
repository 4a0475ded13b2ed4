import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { sortArrivals, sortDoubles } from '../../../../src/monitoring/analysis/sortedRuns';

/** Same doubles in the same order, bit for bit (so -0.0 and 0.0 are told apart). */
function assertSameOrder(actual: Float64Array, expected: Float64Array): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Object.is(actual[i], expected[i]), `item ${i}: ${actual[i]} where the native sort has ${expected[i]}`);
  }
}

/** Doubles as the analyzer meets them: decimals with repeats, and both zeros (which only the order tells apart). */
const decimal = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -3000, max: 30000 }).map((n) => n / 1000) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0) },
);
/** Rarer values that stretch the range or cannot be bucketed: outliers, subnormals, infinities, NaN. */
const special = fc.oneof(fc.constantFrom(1e6, -1e6, 5e-324, -1e-310, 1e300, Infinity, -Infinity, NaN), fc.double());

/** Mostly decimals; in some cases a few special values mixed in. */
const buffer = (minLength: number, maxLength: number) =>
  fc
    .tuple(fc.array(decimal, { minLength, maxLength, size: 'max' }), fc.array(special, { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 3 }))
    .map(([items, extras, places]) => {
      extras.forEach((extra, i) => items.splice(items.length === 0 ? 0 : (places[i] ?? 0) % items.length, 0, extra));
      return items;
    });

describe('KLL compactor sorts', () => {
  it('sort values in arrival order exactly as Float64Array.sort does (-0.0 first, NaN last)', () => {
    fc.assert(
      fc.property(buffer(0, 3000), (items) => {
        const values = Float64Array.from(items);
        const expected = values.slice().sort();
        sortArrivals(values);
        assertSameOrder(values, expected);
      }),
      { numRuns: 300, endOnFailure: true },
    );
  });

  it('sort buffers made of ascending runs (the levels above 0) exactly as Float64Array.sort does', () => {
    fc.assert(
      fc.property(fc.array(buffer(0, 400), { maxLength: 12 }), fc.option(decimal), (runs, leftover) => {
        const parts = runs.map((run) => Float64Array.from(run).sort());
        const items = [...(leftover === null ? [] : [leftover]), ...parts.flatMap((part) => [...part])];
        const values = Float64Array.from(items);
        const expected = values.slice().sort();
        sortDoubles(values);
        assertSameOrder(values, expected);
      }),
      { numRuns: 300, endOnFailure: true },
    );
  });

  it('sort a compactor-sized buffer of mixed zeros and a skewed spread', () => {
    const values = new Float64Array(2050);
    for (let i = 0; i < values.length; i++) values[i] = i % 7 === 0 ? (i % 2 ? -0 : 0) : Math.exp((i * 7919) % 50) * (i % 3 ? 1 : -1);
    const expected = values.slice().sort();
    sortArrivals(values);
    assertSameOrder(values, expected);
  });
});
