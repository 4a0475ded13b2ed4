import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { HyperLogLogPlusPlus } from '../../../../src/monitoring/analysis/hyperLogLog';
import { xxhash64 } from '../../../../src/monitoring/analysis/xxhash64';

function registersOf(sketch: HyperLogLogPlusPlus): number[] {
  return Array.from(sketch.toState().registers);
}

function withRegisters(values: number[]): HyperLogLogPlusPlus {
  return HyperLogLogPlusPlus.fromState({ precision: 9, registers: Uint8Array.from(values) });
}

const fill = (counts: [number, number][]): number[] => counts.flatMap(([value, count]) => Array<number>(count).fill(value));

describe("HyperLogLog++ (Spark's approx_count_distinct, p = 9)", () => {
  it("sets register (top 9 hash bits) to 1 + leading zeros of the rest, from XXH64 seed 42 of the value's UTF-8", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 40 }), (texts) => {
        const sketch = new HyperLogLogPlusPlus();
        const expected = new Array<number>(512).fill(0);
        for (const text of texts) {
          sketch.update(text);
          const hash = xxhash64(new TextEncoder().encode(text), 42);
          const index = Number(hash >> 55n);
          const rest = BigInt.asUintN(64, (hash << 9n) | 256n);
          const rank = 65 - rest.toString(2).length;
          expected[index] = Math.max(expected[index], rank);
        }
        assert.deepEqual(registersOf(sketch), expected);
      }),
      { numRuns: 100 },
    );
  });

  it('counts small cardinalities by linear counting, ignoring repeats', () => {
    const sketch = new HyperLogLogPlusPlus();
    assert.equal(sketch.estimate(), 0);
    sketch.update('1');
    assert.equal(sketch.estimate(), 1);
    for (let i = 0; i < 3; i++) for (const text of ['0', '1', '2', '3.5', 'abc', 'é']) sketch.update(text);
    assert.equal(sketch.estimate(), 6);
    // 100 registers set and 412 empty: 512 * ln(512 / 412) = 111.26
    assert.equal(withRegisters(fill([[1, 100], [0, 412]])).estimate(), 111);
  });

  it("applies Spark's empirical bias correction to raw estimates below 5m", () => {
    // Expected values worked out by hand from alpha_m * m^2 / sum(2^-M[j]) and the p = 9 tables.
    assert.equal(withRegisters(fill([[1, 512]])).estimate(), 600); // raw 737.06, bias of entries 44..49
    assert.equal(withRegisters(fill([[1, 300], [0, 212]])).estimate(), 279); // linear 451 > 400, raw 521.23
    assert.equal(withRegisters(fill([[2, 256], [3, 256]])).estimate(), 1967); // raw 1965.49, bias entries 151..156
    assert.equal(withRegisters(fill([[20, 512]])).estimate(), 386430616); // above 5m: raw estimate, rounded
  });

  it('estimates mid-range cardinalities within the sketch error (1.04 / sqrt(512) = 4.6 %)', () => {
    for (const n of [300, 700, 1500, 2500, 10000]) {
      const sketch = new HyperLogLogPlusPlus();
      for (let i = 0; i < n; i++) sketch.update(`value-${i}`);
      const relativeError = Math.abs(sketch.estimate() - n) / n;
      assert.ok(relativeError < 3 * 0.046, `n=${n}: estimate ${sketch.estimate()}`);
    }
  });

  it('merges partial sketches into exactly the one-pass sketch', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 3000, size: 'max' }), fc.integer({ min: 1, max: 4 }), (texts, parts) => {
        const onePass = new HyperLogLogPlusPlus();
        texts.forEach((t) => onePass.update(t));
        const partials = Array.from({ length: parts }, () => new HyperLogLogPlusPlus());
        texts.forEach((t, i) => partials[i % parts].update(t));
        const merged = new HyperLogLogPlusPlus();
        partials.forEach((p) => merged.merge(HyperLogLogPlusPlus.fromState(structuredClone(p.toState()))));
        assert.deepEqual(registersOf(merged), registersOf(onePass));
        assert.equal(merged.estimate(), onePass.estimate());
      }),
      { numRuns: 30 },
    );
  });

  it('hashes a byte slice like the same text', () => {
    const fromText = new HyperLogLogPlusPlus();
    fromText.update('naïve');
    const fromBytes = new HyperLogLogPlusPlus();
    const line = new TextEncoder().encode('x,naïve,y');
    fromBytes.updateBytes(line, 2, 6);
    assert.deepEqual(registersOf(fromBytes), registersOf(fromText));
  });

  it('refuses a state of another precision', () => {
    assert.throws(() => HyperLogLogPlusPlus.fromState({ precision: 12, registers: new Uint8Array(4096) }), /precision 12/);
  });
});
