import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { javaDoubleToString, javaDoubleToStringExact, javaPercent } from '../../../../src/monitoring/formats/javaNumber';
import { goldenPath } from '../../support/fixtures';

const CORPUS = goldenPath('violation-descriptions-corpus', 'violations_by_check_type.json');

function doubleFromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe("Java's Double.toString (JDK 8/11 FloatingDecimal)", () => {
  it('prints the layouts Java uses around 10^-3 and 10^7', () => {
    const cases: [number, string][] = [
      [1, '1.0'],
      [100, '100.0'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [1e7, '1.0E7'],
      [9999999, '9999999.0'],
      [12345678.9, '1.23456789E7'],
      [0.1 + 0.2, '0.30000000000000004'],
      [-3.25, '-3.25'],
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
      [0, '0.0'],
      [-0, '-0.0'],
      [Number.MAX_VALUE, '1.7976931348623157E308'],
      [Number.MIN_VALUE, '4.9E-324'],
    ];
    for (const [value, text] of cases) assert.equal(javaDoubleToString(value), text, String(value));
  });

  it('keeps the digit choices of the pre-JDK 19 algorithm where they differ from the shortest form', () => {
    assert.equal(javaDoubleToString(2 ** 62), '4.6116860184273879E18');
    assert.equal(javaDoubleToString(1e23), '9.999999999999999E22');
    assert.equal(javaDoubleToString(2e23), '1.9999999999999998E23');
    assert.equal(javaDoubleToString(9.9e-324), '1.0E-323');
    assert.equal(javaDoubleToString(2.82879384806159e17), '2.82879384806159008E17');
  });

  it('matches Double.toString of a real JDK on 597 sampled doubles (half of them not shortest-form)', () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/jdk17-double-tostring.json'), 'utf8')) as { cases: Record<string, string> };
    const entries = Object.entries(fixture.cases);
    assert.ok(entries.length > 500);
    for (const [bits, text] of entries) assert.equal(javaDoubleToString(doubleFromBits(bits)), text, bits);
  });

  it('prints every number found in real violation descriptions exactly as the analyzer did', () => {
    const corpus = JSON.parse(readFileSync(CORPUS, 'utf8')) as Record<string, { description: string }[]>;
    let checked = 0;
    for (const entries of Object.values(corpus)) {
      for (const { description } of entries) {
        for (const token of description.match(/-?\d+\.\d+(?:E-?\d+)?/g) ?? []) {
          assert.equal(javaDoubleToString(Number(token)), token, description);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} numbers checked`);
  });

  it('prints a ratio as the percentage of a data_type_check description', () => {
    assert.equal(javaPercent(0.75), '75.0');
    assert.equal(javaPercent(1), '100.0');
  });
});

describe("Java's Double.toString: the shortcut between 10^-3 and 10^7", () => {
  // Deterministic generator, so a failure names a reproducible value.
  let state = 0x9e3779b9;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const agree = (x: number): void => {
    const exact = javaDoubleToStringExact(x);
    if (javaDoubleToString(x) !== exact) assert.fail(`${x}: shortcut ${javaDoubleToString(x)}, Java ${exact}`);
  };

  it('agrees with the full algorithm on random doubles of every exponent in range', () => {
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 30000; i++) {
      const exponent = Math.floor(-10 + random() * 34); // 2^-10 .. 2^23 (10^-3 .. 10^7)
      view.setUint32(0, ((1023 + exponent) << 20) | Math.floor(random() * 2 ** 20));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      agree(view.getFloat64(0));
    }
  });

  it('agrees on short decimals (as parsed from data) and on short binary fractions (where exact ties live)', () => {
    for (let i = 0; i < 20000; i++) {
      const decimals = 1 + Math.floor(random() * 8);
      agree(Number((random() * 10 ** (1 + Math.floor(random() * 6))).toFixed(decimals)));
      const bits = 2 + Math.floor(random() * 40);
      const odd = 2 * Math.floor(random() * 2 ** Math.min(52, bits + 20)) + 1;
      const x = odd / 2 ** bits;
      if (x >= 1e-3 && x < 1e7) agree(x);
    }
    for (let v = 1e-3; v < 1e7; v *= 1.001) agree(v);
    for (let p = -10; p <= 23; p++) agree(2 ** p);
  });
});
