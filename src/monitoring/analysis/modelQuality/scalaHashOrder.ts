/**
 * The iteration order of a Scala 2.12 immutable `HashMap` with String keys. The analyzer reports
 * model-quality violations in this order: the churn notebook's ten violations (auc, precision,
 * truePositiveRate, f1, accuracy, falsePositiveRate, trueNegativeRate, falseNegativeRate, recall, f2)
 * are exactly this order of their camelCase names.
 *
 * The map is a hash trie: level i branches on bits [5i, 5i + 5) of the "improved" Java hash code, and
 * iteration walks branches in ascending order, so keys sort by those 5-bit groups, lowest group first.
 */

function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** scala.collection.immutable.HashMap#improve (Scala 2.12). */
function improve(hashCode: number): number {
  let h = (hashCode + ~(hashCode << 9)) | 0;
  h ^= h >>> 14;
  h = (h + (h << 4)) | 0;
  return h ^ (h >>> 10);
}

/** The trie path of a key: its 5-bit groups from the lowest. */
function triePath(key: string): number[] {
  const hash = improve(javaStringHashCode(key));
  const path: number[] = [];
  for (let shift = 0; shift < 32; shift += 5) path.push((hash >>> shift) & 0x1f);
  return path;
}

export function scalaHashMapOrder<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, path: triePath(keyOf(item)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.path.length; i++) if (a.path[i] !== b.path[i]) return a.path[i] - b.path[i];
    return 0;
  });
  return keyed.map((entry) => entry.item);
}
