import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseLongDecimal } from '../../../../src/monitoring/analysis/longDecimal';
import { classifyText } from '../../../../src/monitoring/analysis/typeInference';

/** The fast path's answer for `text`, or Number()'s when it declines (what classifyCell does). */
function parsed(text: string): number {
  const bytes = Buffer.from(text, 'latin1');
  const value = parseLongDecimal(bytes, 0, bytes.length);
  return Number.isNaN(value) ? Number(text.replace(' ', '')) : value;
}

/** Number() of the text as the analyzer reads it (an optional space after the sign is dropped). */
function sameAsNumber(text: string): void {
  const expected = Number(text.replace(' ', ''));
  const actual = parsed(text);
  if (!Object.is(actual, expected)) assert.fail(`${text}: fast path gave ${actual}, Number() gives ${expected}`);
}

/** `digits` (a decimal integer) with the point `scale` places from the right, e.g. ("12345", 3) → "12.345". */
function withPoint(digits: string, scale: number): string {
  if (scale <= 0) return digits + '0'.repeat(-scale);
  const padded = digits.padStart(scale + 1, '0');
  return `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

const view = new DataView(new ArrayBuffer(8));

/**
 * Decimals of 16 to 19 significant digits right at, just below and just above the exact midpoint
 * between the positive double x and the next one: where a wrong rounding would show.
 */
function nearMidpoint(x: number, keep: number): string[] {
  view.setFloat64(0, x);
  const raw = view.getBigUint64(0);
  const exponentField = Number(raw >> 52n);
  const mantissa = (raw & ((1n << 52n) - 1n)) | (1n << 52n);
  const exponent = exponentField - 1075; // x = mantissa * 2^exponent
  // midpoint = (2 * mantissa + 1) * 2^(exponent - 1) = digits / 10^scale
  const e = exponent - 1;
  const digits = e >= 0 ? ((2n * mantissa + 1n) << BigInt(e)).toString() : ((2n * mantissa + 1n) * 5n ** BigInt(-e)).toString();
  const scale = e >= 0 ? 0 : -e;
  const cut = digits.length - keep;
  const truncated = BigInt(digits.slice(0, keep));
  const texts: string[] = [];
  for (const candidate of [truncated - 1n, truncated, truncated + 1n]) texts.push(withPoint(candidate.toString(), scale - cut));
  if (cut <= 0) texts.push(withPoint(digits, scale));
  return texts;
}

describe('long decimals: the exact fast path beside Number()', () => {
  it('parses float reprs of 16 and 17 digits (model predictions) exactly as Number() does', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.boolean(), (x, negative) => {
        const text = String(negative ? -x : x);
        if (!text.includes('e')) sameAsNumber(text);
      }),
      { numRuns: 20000 },
    );
  });

  it('parses random 16 to 19 digit decimals with up to 22 places exactly as Number() does', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: 10n ** 15n, max: 10n ** 19n - 1n }), fc.integer({ min: 1, max: 22 }), fc.constantFrom('', '-', '+', '- '))
      .map(([digits, scale, sign]) => sign + withPoint(digits.toString(), scale));
    fc.assert(fc.property(decimal, sameAsNumber), { numRuns: 50000 });
  });

  it('rounds decimals at and around the midpoint between two doubles exactly as Number() does (ties to even)', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    let checked = 0;
    let decidedHere = 0;
    for (let i = 0; i < 40000; i++) {
      const x = 10 ** (random() * 9 - 3) * (1 + random());
      for (const keep of [17, 18, 19]) {
        for (const text of nearMidpoint(x, keep)) {
          if (!text.includes('.')) continue;
          sameAsNumber(text);
          checked++;
          const bytes = Buffer.from(text);
          if (!Number.isNaN(parseLongDecimal(bytes, 0, bytes.length))) decidedHere++;
        }
      }
    }
    assert.ok(checked > 300000, `only ${checked} near-midpoint decimals were checked`);
    // The fast path must decide the vast majority itself, or it saves nothing.
    assert.ok(decidedHere > checked * 0.6, `the fast path decided only ${decidedHere} of ${checked}`);
  });

  it('rounds exact ties to even and the midpoints just below powers of two as Number() does', () => {
    const texts: string[] = [];
    for (let n = -10; n <= 62; n++) {
      const power = 2 ** n;
      const below = power * (1 - 2 ** -53); // the largest double below 2^n: its upper midpoint has the finer spacing
      for (const keep of [17, 18, 19]) texts.push(...nearMidpoint(below, keep), ...nearMidpoint(power, keep));
    }
    // Exact ties with few digits: midpoints between large doubles, written with a point.
    for (let n = 52; n <= 62; n++) {
      for (const offset of [0n, 1n, 2n, 3n, 12345n, 999999n]) {
        const x = (1n << BigInt(n)) + (offset << BigInt(n - 52));
        const ulp = 1n << BigInt(n - 52);
        const doubled = 2n * x + ulp; // 2 * midpoint
        const whole = doubled / 2n;
        const text = doubled % 2n === 0n ? `${whole}.0` : `${whole}.5`;
        if (whole < 10n ** 18n) texts.push(text, text + '0');
      }
    }
    let ties = 0;
    for (const text of texts) {
      if (!text.includes('.')) continue;
      sameAsNumber(text);
      if (text.endsWith('.5') || text.endsWith('.0') || text.endsWith('.50') || text.endsWith('.00')) ties++;
    }
    assert.ok(ties > 50, `only ${ties} ties were checked`);
  });

  it('declines what it does not handle, and the cell classifier still gives Number()’s value', () => {
    for (const text of ['1.5', '12.34567890123456789012345', '1.2345678901234567e5', '0.000000000000000000001234567890123456789', '12345678901234567']) {
      const bytes = Buffer.from(text);
      assert.ok(Number.isNaN(parseLongDecimal(bytes, 0, bytes.length)), text);
      assert.ok(Object.is(classifyText(text).value, Number(text)), text);
    }
    for (const text of ['12.345678901234567', '-3.0000000000000004', '- 22.999999999999996']) {
      assert.ok(Object.is(classifyText(text).value, Number(text.replace(' ', ''))), text);
    }
  });
});
