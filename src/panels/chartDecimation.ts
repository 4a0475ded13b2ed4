/**
 * Largest-triangle-three-buckets (LTTB) decimation of a time series, done in our shaping before the
 * points reach Chart.js: the chart is handed a few hundred points instead of 10,000, so its scales,
 * elements and drawing never see the rest. Unlike Chart.js's own decimation, a bucket that holds a
 * violation keeps a violated point, so the marks of violations survive. Pure: no DOM, no vscode.
 */

export interface DecimationPoint {
  x: number;
  y: number;
  violated: boolean;
}

/** How many points a chart gets per series: about one every two pixels of a full-width chart. */
export const DECIMATION_SAMPLES = 500;

/**
 * At most `samples` points of `points` (sorted by x), the first and the last kept, each bucket in
 * between represented by the point that spans the largest triangle with its neighbours' choices; a
 * bucket with violations is represented by its violated point of largest triangle. Returns `points`
 * itself when there is nothing to drop.
 */
export function decimateLttb<P extends DecimationPoint>(points: readonly P[], samples: number): readonly P[] {
  const n = points.length;
  if (samples >= n || samples < 3) return points;
  const out: P[] = [points[0]];
  // Buckets of the points between the first and the last.
  const size = (n - 2) / (samples - 2);
  let a = 0;
  for (let bucket = 0; bucket < samples - 2; bucket++) {
    const start = Math.floor(bucket * size) + 1;
    const end = Math.min(Math.floor((bucket + 1) * size) + 1, n - 1);
    // The next bucket's average is the third corner of the triangle (the last point for the last bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * size) + 1, n - 1);
    let avgX = 0;
    let avgY = 0;
    if (nextEnd > nextStart) {
      for (let i = nextStart; i < nextEnd; i++) {
        avgX += points[i].x;
        avgY += points[i].y;
      }
      avgX /= nextEnd - nextStart;
      avgY /= nextEnd - nextStart;
    } else {
      avgX = points[n - 1].x;
      avgY = points[n - 1].y;
    }
    const ax = points[a].x;
    const ay = points[a].y;
    let best = -1;
    let bestArea = -1;
    let bestViolated = false;
    for (let i = start; i < end; i++) {
      const p = points[i];
      const area = Math.abs((ax - avgX) * (p.y - ay) - (ax - p.x) * (avgY - ay));
      // A violated point beats any plain one; among equals, the larger triangle.
      if ((p.violated && !bestViolated) || (p.violated === bestViolated && area > bestArea)) {
        best = i;
        bestArea = area;
        bestViolated = p.violated;
      }
    }
    if (best < 0) continue;
    out.push(points[best]);
    a = best;
  }
  out.push(points[n - 1]);
  return out;
}
