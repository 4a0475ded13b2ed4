import { strict as assert } from 'node:assert';
import { writeJacksonJson } from '../../../src/monitoring/formats/jacksonJson';
import { javaDoubleToStringExact } from '../../../src/monitoring/formats/javaNumber';
import { seededRandom } from '../../../src/monitoring/random';

/** What Jackson prints for `{ "data" : [ … ] }` of doubles, item by item with the full Java algorithm. */
function expected(items: readonly number[]): string {
  return `{\n  "data" : [ ${items.map((x) => javaDoubleToStringExact(x)).join(', ')} ]\n}\n`;
}

const allDoubles = (): boolean => true;

describe('Jackson-style JSON: long arrays of doubles (sketch data)', () => {
  // Seeded, so a failure names a reproducible value.
  const random = seededRandom(0x2545f491);

  const EDGES = [
    0, 1, -1, 2, 3, 12, 2254, 1e6, 9999999, 9999999.5, 1e7, 1e7 + 0.5, 12345678.9, 2 ** 53, 1e21, 1.5e300, Number.MAX_VALUE,
    0.001, 0.0009999, 0.000123, 1e-7, 1.5e-8, 5e-324, 2.2250738585072014e-308,
    0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625, 0.001953125, 0.0009765625, 0.75, 0.1, 0.2, 0.3,
    2 ** 20, 2 ** 23, 2 ** 24, 2 ** 62, 2 ** 63, 1e23, 2e23, 4.35, 0.075, 22.99953953549266,
  ];

  it('prints edge values (integers, powers of two, both layouts and their borders) as Java does', () => {
    const items = [...EDGES, ...EDGES.map((x) => -x)].filter((x) => !Object.is(x, -0));
    assert.equal(writeJacksonJson({ data: items }, allDoubles), expected(items));
  });

  it('prints random doubles of every magnitude, and short decimals as parsed from data, as Java does', () => {
    const view = new DataView(new ArrayBuffer(8));
    const items: number[] = [];
    for (let i = 0; i < 20000; i++) {
      view.setUint32(0, Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const bits = view.getFloat64(0);
      if (Number.isFinite(bits) && !Object.is(bits, -0)) items.push(bits);
      items.push(Number((random() * 10 ** Math.floor(random() * 9 - 4)).toFixed(1 + Math.floor(random() * 6))));
    }
    assert.equal(writeJacksonJson({ data: items }, allDoubles), expected(items));
  });

  it('keeps -0.0, NaN and infinities as the writer prints them one by one', () => {
    const items = [...EDGES.slice(0, 20), -0, 4.5];
    assert.equal(writeJacksonJson({ data: items }, allDoubles), expected(items));
    const special = [...EDGES.slice(0, 20), NaN, Infinity];
    assert.equal(
      writeJacksonJson({ data: special }, allDoubles),
      `{\n  "data" : [ ${EDGES.slice(0, 20).map((x) => javaDoubleToStringExact(x)).join(', ')}, "NaN", 1e999 ]\n}\n`,
    );
  });

  it('prints an array that mixes numbers with other values item by item', () => {
    const items: unknown[] = [...EDGES.slice(0, 20), 'text', null, true];
    assert.equal(
      writeJacksonJson({ data: items }, allDoubles),
      `{\n  "data" : [ ${EDGES.slice(0, 20).map((x) => javaDoubleToStringExact(x)).join(', ')}, "text", null, true ]\n}\n`,
    );
  });
});
