/**
 * The order in which SageMaker's analyzer lists a column's categorical buckets (and so its suggested
 * `string_constraints.domains`): the iteration order of the Scala 2.12 maps its Deequ column profiler
 * builds the histograms in.
 *
 * What Deequ's `ColumnProfiler.computeHistograms` does (read in awslabs/deequ, 2023 and 2026 sources):
 * it counts `((columnName, value), 1)` over every low-cardinality column with Spark's `countByKey`,
 * which collects into one `immutable.HashMap` keyed by the pair; per column it filters that map (a
 * `HashMap.filter` keeps the trie, so the pairs stay in pair-hash order) and maps it to `value -> count`
 * into a map built from empty. Scala's `Map1`…`Map4` keep insertion order; the fifth entry turns the map
 * into a `HashMap`, whose order is that of the value's hash. Null cells enter as the text `NullValue`.
 *
 * Verified (spec, 7 of 7 real columns of 1, 3, 4, 4, 5, 54 and 83 values, 2024 and 2025 containers):
 * pair order up to 4 values, value order from 5. Guesses, not verified on a real output:
 * - a column with missing cells has a `NullValue` entry in Deequ's map, which counts toward the 4 and
 *   is then left out of the JSON (SageMaker's buckets never show it); we count it (`withNull`);
 * - the column name in the pair is the name as written in statistics.json (the header's name, `_cN`
 *   without a header, the baseline's name in a monitoring run). Deequ only histograms columns whose
 *   names need no escaping (its target columns are matched against the raw schema names), so the
 *   backticked form never enters a pair there;
 * - if the whole dataset has 4 or fewer (column, value) pairs, `countByKey`'s map is itself a small map
 *   in Spark's collect order, which we cannot know; we use the pair-hash order then too;
 * - keys whose improved hashes collide keep insertion order (Scala 2.12's `HashMapCollision1` holds a
 *   `ListMap`, which iterates in insertion order); for pairs, insertion order is Spark's, so we keep
 *   first-seen order, which is a guess.
 */

/** Java's `String.hashCode`: `31 * h + c` over the UTF-16 code units, wrapping at 32 bits. */
export function javaStringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3 x86_32 `mix`, as Scala's `MurmurHash3.mix`. */
function murmurMix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function murmurFinalize(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Scala 2.12's `Tuple2[String, String].hashCode` (`MurmurHash3.productHash`, seed 0xcafebabe). */
export function scalaPairHash(first: string, second: string): number {
  let h = 0xcafebabe | 0;
  h = murmurMix(h, javaStringHash(first));
  h = murmurMix(h, javaStringHash(second));
  return murmurFinalize(h, 2);
}

/** Scala 2.12's `immutable.HashMap.improve`, which spreads a key's hash code before the trie uses it. */
export function scalaImprove(hcode: number): number {
  let h = (hcode + ~(hcode << 9)) | 0;
  h ^= h >>> 14;
  h = (h + (h << 4)) | 0;
  return (h ^ (h >>> 10)) | 0;
}

/**
 * A number that sorts like the hash trie iterates: by the 5-bit groups of the improved hash taken from
 * the low end (`x & 31`, then `(x >>> 5) & 31`, …, the seventh group being the top 2 bits). The groups,
 * first group most significant, make a key below 2^35, exact in a double.
 */
export function trieOrderKey(improved: number): number {
  let key = 0;
  for (let shift = 0; shift < 32; shift += 5) key = key * 32 + ((improved >>> shift) & 31);
  return key;
}

/** Indices of `keys` in trie order of their hashes; equal hashes keep their given order (stable sort). */
function trieOrder(hashes: readonly number[]): number[] {
  const keys = hashes.map((hash) => trieOrderKey(scalaImprove(hash)));
  return keys.map((_, index) => index).sort((a, b) => keys[a] - keys[b] || a - b);
}

/** Deequ's stand-in for a null cell in its histograms. */
export const DEEQU_NULL_VALUE = 'NullValue';

/** Scala's small maps (`Map1`…`Map4`) stop keeping insertion order past this many entries. */
const SMALL_MAP_LIMIT = 4;

/**
 * Orders a column's value counts as SageMaker lists its categorical buckets. `values` are the distinct
 * texts in first-seen order; `withNull` says the column had missing cells (a `NullValue` entry in
 * Deequ's map, left out of the result). Returns the values in output order.
 */
export function sageMakerCategoricalOrder(columnName: string, values: readonly string[], withNull: boolean): string[] {
  const entries = withNull && !values.includes(DEEQU_NULL_VALUE) ? [...values, DEEQU_NULL_VALUE] : [...values];
  const byPair = trieOrder(entries.map((value) => scalaPairHash(columnName, value))).map((index) => entries[index]);
  const ordered = byPair.length <= SMALL_MAP_LIMIT ? byPair : trieOrder(byPair.map(javaStringHash)).map((index) => byPair[index]);
  // A real `NullValue` text (not a stand-in) is kept; the stand-in is not a bucket.
  return withNull && !values.includes(DEEQU_NULL_VALUE) ? ordered.filter((value) => value !== DEEQU_NULL_VALUE) : ordered;
}
