/**
 * Sorting for the KLL compactors, which sort a full level buffer at every compaction (the analyzer's
 * hottest loop after parsing). Both sorts give exactly `Float64Array.prototype.sort`'s result (Java's
 * `Double.compare` order: -0.0 before 0.0) and hand NaN, infinities and awkward inputs to it:
 * - a level above 0 is built from the sorted halves its lower level hands up, so its buffer is a few
 *   ascending runs: merging them is linear (`sortDoubles`);
 * - level 0 holds values in arrival order: a bucket sort by value (the bucket index is a monotone
 *   function of the value, so buckets are in order) followed by insertion sort inside each small
 *   bucket is close to linear for any spread of values (`sortArrivals`).
 */

/** Above this many runs a merge is not worth it (and the buffer is unlikely to come from compactions). */
const MAX_RUNS = 8;

let scratch = new Float64Array(4096);
let bucketStarts = new Int32Array(4096);
const runStarts = new Int32Array(MAX_RUNS + 1);

/** Whether `b` may follow `a` in sorted order (a <= b, with -0.0 before 0.0); false for NaN. */
function inOrder(a: number, b: number): boolean {
  return a < b || (a === b && (a !== 0 || 1 / a < 0 || 1 / b > 0));
}

/** Sorts `values` ascending in place, exactly as `values.sort()` does. */
export function sortDoubles(values: Float64Array): void {
  if (!mergeRuns(values)) values.sort();
}

/** Sorts by merging ascending runs; returns false (leaving `values` unchanged) when that does not apply. */
function mergeRuns(values: Float64Array): boolean {
  const n = values.length;
  if (n < 2) return true;
  let runs = 1;
  runStarts[0] = 0;
  let previous = values[0];
  if (previous !== previous) return false;
  for (let i = 1; i < n; i++) {
    const value = values[i];
    if (!inOrder(previous, value)) {
      if (value !== value || runs === MAX_RUNS) return false;
      runStarts[runs++] = i;
    }
    previous = value;
  }
  if (runs === 1) return true;
  runStarts[runs] = n;
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  // Merge neighbouring runs pairwise until one is left, ping-ponging between values and scratch.
  let source: Float64Array = values;
  let target: Float64Array = scratch;
  while (runs > 1) {
    let merged = 0;
    for (let r = 0; r < runs; r += 2) {
      const start = runStarts[r];
      const middle = runStarts[Math.min(r + 1, runs)];
      const end = runStarts[Math.min(r + 2, runs)];
      mergeTwo(source, start, middle, end, target);
      runStarts[merged++] = start;
    }
    runStarts[merged] = n;
    runs = merged;
    const swap = source;
    source = target;
    target = swap;
  }
  if (source !== values) values.set(source.subarray(0, n));
  return true;
}

/** Merges source[start, middle) and source[middle, end) into target[start, end); ties take the left item. */
function mergeTwo(source: Float64Array, start: number, middle: number, end: number, target: Float64Array): void {
  let i = start;
  let j = middle;
  let k = start;
  while (i < middle && j < end) {
    const a = source[i];
    const b = source[j];
    if (inOrder(a, b)) {
      target[k++] = a;
      i++;
    } else {
      target[k++] = b;
      j++;
    }
  }
  while (i < middle) target[k++] = source[i++];
  while (j < end) target[k++] = source[j++];
}

/** A bucket larger than this is sorted natively rather than by insertion. */
const MAX_INSERTION_BUCKET = 24;

/** Sorts `values` (in arrival order) ascending in place, exactly as `values.sort()` does. */
export function sortArrivals(values: Float64Array): void {
  const n = values.length;
  if (n < 64) {
    values.sort();
    return;
  }
  let min = values[0];
  let max = min;
  for (let i = 1; i < n; i++) {
    const value = values[i];
    if (value < min) min = value;
    else if (value > max) max = value;
    else if (value !== value) min = NaN;
  }
  const buckets = n;
  const scale = buckets / (max - min);
  // NaN, infinities, a single value (maybe ±0) or a range too narrow to scale: the native sort.
  if (!(scale > 0 && scale < Infinity) || min !== min) {
    values.sort();
    return;
  }
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  if (bucketStarts.length < buckets + 1) bucketStarts = new Int32Array(Math.max(buckets + 1, bucketStarts.length * 2));
  const starts = bucketStarts;
  starts.fill(0, 0, buckets + 1);
  for (let i = 0; i < n; i++) starts[bucketOf(values[i], min, scale, buckets) + 1]++;
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  // Scatter in order; afterwards starts[b] is the end of bucket b (the start of b + 1).
  const sorted = scratch;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    sorted[starts[bucketOf(value, min, scale, buckets)]++] = value;
  }
  let start = 0;
  for (let b = 0; b < buckets; b++) {
    const end = starts[b];
    if (end - start > MAX_INSERTION_BUCKET) sorted.subarray(start, end).sort();
    else insertionSort(sorted, start, end);
    start = end;
  }
  values.set(sorted.subarray(0, n));
}

/** A non-decreasing function of the value: floating subtraction, multiplication and floor are monotone. */
function bucketOf(value: number, min: number, scale: number, buckets: number): number {
  const bucket = Math.floor((value - min) * scale);
  return bucket < buckets ? bucket : buckets - 1;
}

function insertionSort(values: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= start && !inOrder(values[j], value)) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}
