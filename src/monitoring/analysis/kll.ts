/**
 * The KLL quantile sketch exactly as Deequ's `QuantileNonSample` builds it (Deequ 2.0.x, the version
 * inside SageMaker's Model Monitor analyzer), so that `distribution.kll.sketch.data` and the bucket
 * counts derived from it match the real analyzer item for item.
 *
 * Deequ's variant is deterministic: no random offset. Its rules, reproduced here:
 * - the compactor at height h holds up to `2 * (ceil(k * c^h / 2) + 1)` items; the sketch's capacity is
 *   the sum over the current heights;
 * - a new value is appended to level 0; when the number of items held exceeds the capacity, the lowest
 *   level whose buffer has reached its own capacity is compacted, once (a new top level is added
 *   first if that level is the top);
 * - compacting sorts the largest even-length prefix of the buffer and moves every other item, starting
 *   at the level's offset, to the end of the next level; an odd last item stays behind alone. Before a
 *   compaction, when the level's compaction counter is odd, its offset flips (offsets run 0,1,1,0,0,…);
 * - an item at level i weighs 2^i.
 *
 * Ordering is Java's `Double.compare` (Scala 2.12 `Ordering.Double`): -0.0 sorts before 0.0, NaN last.
 * `Float64Array.prototype.sort` orders numbers the same way.
 */

import { sortArrivals, sortDoubles } from './sortedRuns';

/** Deequ's defaults, also what SageMaker writes in `sketch.parameters`. */
export const KLL_DEFAULT_K = 2048;
export const KLL_DEFAULT_C = 0.64;

/** Deequ's StatefulKLLSketch starts its running min/max at Int.MaxValue / Int.MinValue (as doubles). */
const AGGREGATE_MIN_START = 2147483647;
const AGGREGATE_MAX_START = -2147483648;

const BUCKET_COUNT = 10;

export interface KllBucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

/** A plain, structured-clone-able copy of a sketch with all its internal state (for worker_threads). */
export interface KllSketchState {
  readonly k: number;
  readonly c: number;
  /** Level buffers bottom-up, each trimmed to its length, in buffer order. */
  readonly levels: Float64Array[];
  /** Per level: how many times it has been compacted. */
  readonly compactions: number[];
  /** Per level: the offset (0 or 1) used by its last compaction. */
  readonly offsets: number[];
  readonly aggregateMin: number;
  readonly aggregateMax: number;
}

/** Capacity of the compactor at `height`, computed the way Deequ does (double arithmetic, then ceil). */
function levelCapacity(k: number, c: number, height: number): number {
  return 2 * (Math.ceil((k * Math.pow(c, height)) / 2) + 1);
}

export class KllSketch {
  readonly k: number;
  readonly c: number;

  private buffers: Float64Array[] = [];
  private lengths: number[] = [];
  private compactions: number[] = [];
  private offsets: number[] = [];
  private capacities: number[] = [];
  /** Items held over all levels (Deequ's compactorActualSize). */
  private itemCount = 0;
  /** Sum of the level capacities (Deequ's compactorTotalSize). */
  private totalCapacity = 0;
  /** Level-0 buffer, cached for the update hot path (replaced when it grows). */
  private level0: Float64Array;
  private runningMin = AGGREGATE_MIN_START;
  private runningMax = AGGREGATE_MAX_START;

  constructor(k: number = KLL_DEFAULT_K, c: number = KLL_DEFAULT_C) {
    if (!Number.isInteger(k) || k < 2) throw new RangeError(`KLL sketch size k must be an integer >= 2, got ${k}`);
    if (!(c > 0 && c <= 1)) throw new RangeError(`KLL shrinking factor c must be in (0, 1], got ${c}`);
    this.k = k;
    this.c = c;
    this.addLevel();
    this.level0 = this.buffers[0];
  }

  /** Adds one value (Deequ `QuantileNonSample.update` plus StatefulKLLSketch's running min/max). */
  update(value: number): void {
    let buffer = this.level0;
    const length = this.lengths[0];
    if (length === buffer.length) buffer = this.growBuffer(0, length + 1);
    buffer[length] = value;
    this.lengths[0] = length + 1;
    this.itemCount++;
    // Math.min/max propagate NaN like Java's.
    if (value < this.runningMin || value !== value) this.runningMin = Math.min(this.runningMin, value);
    if (value > this.runningMax || value !== value) this.runningMax = Math.max(this.runningMax, value);
    if (this.itemCount > this.totalCapacity) this.condense();
  }

  /**
   * Deequ's `QuantileNonSample.merge`: `other`'s level buffers are appended to this sketch's levels (this
   * sketch keeps its own compaction counters and offsets; `other`'s are dropped), then the sketch is
   * condensed while the items held are at least (not only more than) the capacity.
   */
  merge(other: KllSketch): void {
    const source = other === this ? KllSketch.fromState(other.toState()) : other;
    const levels = source.buffers.map((buffer, level) => buffer.subarray(0, source.lengths[level]));
    this.mergeLevels(levels, source.runningMin, source.runningMax);
  }

  /**
   * `merge(KllSketch.fromState(state))` without building that sketch: the state's levels are appended
   * as they are (a partition's profile from a worker is only ever merged, so copying it first would
   * only allocate).
   */
  mergeState(state: KllSketchState): void {
    checkState(state);
    this.mergeLevels(state.levels, state.aggregateMin, state.aggregateMax);
  }

  private mergeLevels(levels: readonly Float64Array[], otherMin: number, otherMax: number): void {
    while (this.buffers.length < levels.length) this.addLevel();
    for (let level = 0; level < levels.length; level++) this.appendItems(level, levels[level], 0, levels[level].length);
    this.itemCount = this.countItems();
    while (this.itemCount >= this.totalCapacity) {
      if (!this.condense()) break;
    }
    this.runningMin = Math.min(this.runningMin, otherMin);
    this.runningMax = Math.max(this.runningMax, otherMax);
  }

  /**
   * How Spark's final aggregation combines per-partition sketches: it starts from an empty sketch and
   * merges each partition's sketch into it, in order. Pass every partition's sketch, empty ones too:
   * Spark merges those as well. Even a single partition goes through this merge, which condenses once
   * more when the items held sit exactly at capacity (e.g. exactly 2,050 values give two levels).
   */
  static combinePartitions(partials: Iterable<KllSketch>, k: number = KLL_DEFAULT_K, c: number = KLL_DEFAULT_C): KllSketch {
    const combined = new KllSketch(k, c);
    for (const partial of partials) combined.merge(partial);
    return combined;
  }

  /** Total weight: the number of values the sketch stands for. */
  get count(): number {
    let total = 0;
    for (let level = 0; level < this.lengths.length; level++) total += this.lengths[level] * 2 ** level;
    return total;
  }

  /** Number of levels (compactors). */
  get levelCount(): number {
    return this.buffers.length;
  }

  /**
   * The running minimum Deequ's StatefulKLLSketch keeps beside the sketch. It starts at Int.MaxValue,
   * so a column whose values all exceed 2147483647 reports 2147483647 here. Deequ derives its bucket
   * bounds from this value and `aggregateMax`.
   */
  get aggregateMin(): number {
    return this.runningMin;
  }

  /** The running maximum, starting at Int.MinValue (see `aggregateMin`). */
  get aggregateMax(): number {
    return this.runningMax;
  }

  /** `sketch.data`: the levels bottom-up, each in buffer order. */
  toData(): number[][] {
    return this.buffers.map((buffer, level) => Array.from(buffer.subarray(0, this.lengths[level])));
  }

  /**
   * Rebuilds a sketch from `sketch.data` the way Deequ's `reconstruct` does: the levels get the given
   * items and fresh compaction state (counters and offsets at 0).
   */
  static fromData(data: number[][], k: number = KLL_DEFAULT_K, c: number = KLL_DEFAULT_C): KllSketch {
    if (!Array.isArray(data)) throw new TypeError('KLL sketch data must be an array of levels');
    const sketch = new KllSketch(k, c);
    for (let level = 0; level < data.length; level++) {
      const items = data[level];
      if (!Array.isArray(items)) throw new TypeError(`KLL sketch data level ${level} is not an array`);
      if (level > 0) sketch.addLevel();
      // Checked natively in the common case (a baseline's levels hold thousands of finite numbers).
      let buffer: Float64Array;
      if (items.every(Number.isFinite)) buffer = Float64Array.from(items);
      else {
        buffer = new Float64Array(items.length);
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (typeof item !== 'number' || Number.isNaN(item)) {
            throw new TypeError(`KLL sketch data level ${level} item ${i} is not a number: ${JSON.stringify(item)}`);
          }
          buffer[i] = item;
        }
      }
      sketch.appendItems(level, buffer, 0, buffer.length);
    }
    sketch.itemCount = sketch.countItems();
    return sketch;
  }

  toState(): KllSketchState {
    return {
      k: this.k,
      c: this.c,
      levels: this.buffers.map((buffer, level) => buffer.slice(0, this.lengths[level])),
      compactions: [...this.compactions],
      offsets: [...this.offsets],
      aggregateMin: this.runningMin,
      aggregateMax: this.runningMax,
    };
  }

  /**
   * Hands the level buffers to the next sketches of this thread (see takeBuffer); the sketch is empty
   * and must not be used afterwards. For a partition's sketch once it is merged or copied out.
   */
  release(): void {
    for (const buffer of this.buffers) giveBack(buffer);
    this.buffers = [];
    this.lengths = [];
    this.level0 = new Float64Array(0);
  }

  static fromState(state: KllSketchState): KllSketch {
    checkState(state);
    const levels = state.levels.length;
    const sketch = new KllSketch(state.k, state.c);
    for (let level = 0; level < levels; level++) {
      if (level > 0) sketch.addLevel();
      sketch.appendItems(level, state.levels[level], 0, state.levels[level].length);
      sketch.compactions[level] = state.compactions[level];
      sketch.offsets[level] = state.offsets[level];
    }
    sketch.itemCount = sketch.countItems();
    sketch.runningMin = state.aggregateMin;
    sketch.runningMax = state.aggregateMax;
    return sketch;
  }

  /**
   * Summed weight of the items not greater than x (Deequ `getRank`). Scala 2.12's `Ordering.Double`
   * compares with IEEE operators here (unlike its sort), so -0.0 and 0.0 tie.
   */
  rank(x: number): number {
    return weightUpTo(this.sortedLevels(), x, true);
  }

  /** Summed weight of the items less than x (Deequ `getRankExclusive`, IEEE comparison). */
  rankExclusive(x: number): number {
    return weightUpTo(this.sortedLevels(), x, false);
  }

  /**
   * The 10 equal-width buckets of `distribution.kll.buckets`, as Deequ's KLLSketch analyzer computes
   * them: bound i is `min + (max - min) * i / 10`; a bucket counts the weight in [lower, upper), the last
   * one in [lower, upper]. Counts come from ranks, so they are exact whenever no compaction happened.
   */
  buckets(min: number, max: number): KllBucket[] {
    const bounds: number[] = [];
    for (let i = 0; i <= BUCKET_COUNT; i++) bounds.push(min + ((max - min) * i) / BUCKET_COUNT);
    const sorted = this.sortedLevels();
    const exclusiveRanks = bounds.map((bound) => weightUpTo(sorted, bound, false));
    const result: KllBucket[] = [];
    for (let i = 0; i < BUCKET_COUNT; i++) {
      const upperRank = i === BUCKET_COUNT - 1 ? weightUpTo(sorted, bounds[i + 1], true) : exclusiveRanks[i + 1];
      result.push({ lower_bound: bounds[i], upper_bound: bounds[i + 1], count: upperRank - exclusiveRanks[i] });
    }
    return result;
  }

  /**
   * Items and their inclusive ranks, sorted ascending, one entry per distinct item (Deequ
   * `getRankMap`): `ranks[i]` is the total weight of items <= `items[i]`.
   */
  rankMap(): { items: Float64Array; ranks: Float64Array } {
    // All items sorted natively (Float64Array order is Double.compare's: -0.0 first, NaN last), then
    // each level's sorted items counted up to each distinct item: the ranks a merge of the levels in
    // that order accumulates, without a comparator. Weights are powers of two, so sums are exact.
    const sorted = this.sortedLevels();
    let total = 0;
    for (const items of sorted) total += items.length;
    const all = new Float64Array(total);
    let at = 0;
    for (const items of sorted) {
      all.set(items, at);
      at += items.length;
    }
    all.sort();
    const items = new Float64Array(total);
    const ranks = new Float64Array(total);
    const positions = new Int32Array(sorted.length);
    let distinct = 0;
    let running = 0;
    for (let i = 0; i < total && all[i] === all[i]; ) {
      const item = all[i];
      // Deequ keys a Scala map by the item, where -0.0 == 0.0: equal items share one entry.
      while (i < total && all[i] === item) i++;
      for (let level = 0; level < sorted.length; level++) {
        const levelItems = sorted[level];
        let p = positions[level];
        while (p < levelItems.length && levelItems[p] <= item) p++;
        running += (p - positions[level]) * 2 ** level;
        positions[level] = p;
      }
      items[distinct] = item;
      ranks[distinct] = running;
      distinct++;
    }
    // NaN items (last in every level) are never equal: one entry each, lower levels first, as a merge takes ties.
    for (let level = 0; level < sorted.length; level++) {
      for (let p = positions[level]; p < sorted[level].length; p++) {
        running += 2 ** level;
        items[distinct] = NaN;
        ranks[distinct] = running;
        distinct++;
      }
    }
    return { items: items.slice(0, distinct), ranks: ranks.slice(0, distinct) };
  }

  /** Each level's items, sorted natively (Double.compare order: -0.0 before 0.0, NaN last). */
  private sortedLevels(): Float64Array[] {
    return this.buffers.map((buffer, level) => buffer.slice(0, this.lengths[level]).sort());
  }

  /** Deequ's `condense`: compacts the lowest full level once. Returns false when no level was full. */
  private condense(): boolean {
    for (let level = 0; level < this.buffers.length; level++) {
      if (this.lengths[level] >= this.capacities[level]) {
        if (level + 1 >= this.buffers.length) this.addLevel();
        this.compact(level);
        return true;
      }
    }
    return false;
  }

  /** Deequ's `NonSampleCompactor.compact`, writing its output straight into the next level. */
  private compact(level: number): void {
    const length = this.lengths[level];
    const evenLength = length - (length % 2);
    if (this.compactions[level] % 2 === 1) this.offsets[level] = 1 - this.offsets[level];
    const buffer = this.buffers[level];
    const sorted = buffer.subarray(0, evenLength);
    // Level 0 holds values in arrival order; higher levels hold runs already sorted below.
    if (level === 0) sortArrivals(sorted);
    else sortDoubles(sorted);
    const offset = this.offsets[level];
    const next = level + 1;
    const moved = (evenLength - offset + 1) >> 1;
    let target = this.buffers[next];
    const start = this.lengths[next];
    if (start + moved > target.length) target = this.growBuffer(next, start + moved);
    let write = start;
    for (let i = offset; i < evenLength; i += 2) target[write++] = sorted[i];
    this.lengths[next] = write;
    if (length % 2 === 1) {
      buffer[0] = buffer[length - 1];
      this.lengths[level] = 1;
    } else {
      this.lengths[level] = 0;
    }
    this.compactions[level]++;
    this.itemCount = this.itemCount - evenLength + (write - start);
  }

  private addLevel(): void {
    const height = this.buffers.length;
    const capacity = levelCapacity(this.k, this.c, height);
    this.buffers.push(takeBuffer(Math.max(capacity + 1, 8)));
    this.lengths.push(0);
    this.compactions.push(0);
    this.offsets.push(0);
    this.capacities.push(capacity);
    this.totalCapacity += capacity;
  }

  private appendItems(level: number, items: Float64Array, from: number, to: number): void {
    const start = this.lengths[level];
    const needed = start + (to - from);
    let buffer = this.buffers[level];
    if (needed > buffer.length) buffer = this.growBuffer(level, needed);
    buffer.set(items.subarray(from, to), start);
    this.lengths[level] = needed;
  }

  private growBuffer(level: number, minimum: number): Float64Array {
    const old = this.buffers[level];
    const grown = takeBuffer(Math.max(minimum, old.length * 2));
    grown.set(old.subarray(0, this.lengths[level]));
    giveBack(old);
    this.buffers[level] = grown;
    if (level === 0) this.level0 = grown;
    return grown;
  }

  private countItems(): number {
    let total = 0;
    for (const length of this.lengths) total += length;
    return total;
  }
}

/**
 * Level buffers of released sketches, by length. Every partition builds fresh sketches, about 50 KB of
 * buffers a column; left to the collector, a run held tens of MB of dead ones at a time (V8 collects
 * array buffers late), so released ones are reused. Items past a level's length are never read, so a
 * reused buffer needs no clearing.
 */
const spareBuffers = new Map<number, Float64Array[]>();
/** Spares kept per length: a few partitions' worth; beyond that, buffers are left to the collector. */
const MAX_SPARES = 64;

function takeBuffer(length: number): Float64Array {
  return spareBuffers.get(length)?.pop() ?? new Float64Array(length);
}

function giveBack(buffer: Float64Array): void {
  let spares = spareBuffers.get(buffer.length);
  if (spares === undefined) spareBuffers.set(buffer.length, (spares = []));
  if (spares.length < MAX_SPARES) spares.push(buffer);
}

function checkState(state: KllSketchState): void {
  const levels = state.levels.length;
  if (levels < 1 || state.compactions.length !== levels || state.offsets.length !== levels) {
    throw new RangeError(`KLL sketch state is inconsistent: ${levels} levels, ${state.compactions.length} counters, ${state.offsets.length} offsets`);
  }
}

/**
 * How many of the ascending `items[0, end)` are below x or, with `orEqual`, not above it (IEEE
 * comparisons, so -0.0 and 0.0 tie); `end` excludes the NaN tail, where both tests are false.
 */
function countUpTo(items: Float64Array, end: number, x: number, orEqual: boolean): number {
  let low = 0;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = items[middle];
    if (item < x || (orEqual && item === x)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many items of the ascending `items` are numbers (NaN sorts last). */
function numberCount(items: Float64Array): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle] === items[middle]) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Summed weight, over sorted levels, of the items < x (`rankExclusive`) or, with `inclusive`, of the
 * items for which `!(item > x)` (`rank`): those not above x, and NaN items too, as in Deequ.
 */
function weightUpTo(sorted: readonly Float64Array[], x: number, inclusive: boolean): number {
  let total = 0;
  for (let level = 0; level < sorted.length; level++) {
    const items = sorted[level];
    const numbers = numberCount(items);
    let count = countUpTo(items, numbers, x, inclusive);
    if (inclusive) count = x !== x ? items.length : count + (items.length - numbers);
    total += count * 2 ** level;
  }
  return total;
}
