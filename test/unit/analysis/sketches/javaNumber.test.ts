import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { javaDoubleToString, javaPercent } from '../../../../src/monitoring/formats/javaNumber';
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
