import { strict as assert } from 'node:assert';
import { DECIMATION_SAMPLES, decimateLttb, type DecimationPoint } from '../../../src/panels/chartDecimation';

const HOUR = 3_600_000;

/** `n` hourly points of a slow wave, violated where `violated(i)`. */
function series(n: number, violated: (i: number) => boolean = () => false): DecimationPoint[] {
  return Array.from({ length: n }, (_, i) => ({ x: i * HOUR, y: Math.sin(i / 300), violated: violated(i) }));
}

describe('LTTB decimation of chart series', () => {
  it('gives a 10,000-point series at most 500 points, in time order, with the first and the last', () => {
    const points = series(10_000);
    const out = decimateLttb(points, DECIMATION_SAMPLES);
    assert.equal(out.length, DECIMATION_SAMPLES);
    assert.equal(out[0], points[0]);
    assert.equal(out[out.length - 1], points[points.length - 1]);
    assert.ok(out.every((p, i) => i === 0 || p.x > out[i - 1].x), 'points in time order, none twice');
  });

  it('keeps a lone spike, which an even sampling would miss', () => {
    const points = series(10_000).map((p, i) => (i === 4_321 ? { ...p, y: 50 } : p));
    const out = decimateLttb(points, 500);
    assert.ok(out.some((p) => p.y === 50), 'the spike is kept');
    assert.equal(Math.max(...out.map((p) => p.y)), 50);
  });

  it('keeps a violated point in every bucket that has one, even where the line is flat', () => {
    // Violations every 97 hours on a flat line: no triangle would choose them.
    const flat = series(10_000, (i) => i % 97 === 0).map((p) => ({ ...p, y: 1 }));
    const out = decimateLttb(flat, 500);
    const violatedIn = flat.filter((p) => p.violated).length;
    assert.equal(out.filter((p) => p.violated).length, violatedIn, `${violatedIn} violations, each in its own bucket of 20 points`);
  });

  it('returns short series as they are', () => {
    const points = series(48);
    assert.equal(decimateLttb(points, 500), points);
    assert.equal(decimateLttb([], 500).length, 0);
  });
});
