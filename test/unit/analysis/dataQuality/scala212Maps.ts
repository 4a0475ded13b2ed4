/**
 * An independent model of Scala 2.12's `immutable.Map` for the tests: the small maps `Map1`…`Map4`,
 * the hash trie (`HashMap1`, `HashTrieMap` with its bitmap, `HashMapCollision1` holding a `ListMap`)
 * built by real insertions, and its depth-first iteration; plus Deequ's `computeHistograms` pipeline
 * on top of it. Written from the Scala 2.12 library's structure, not from src/ (which sorts by a key
 * instead of building a trie), so the two can disagree.
 */

// --- hash codes -------------------------------------------------------------------------------------

export function javaHashCode(text: string): number {
  let h = 0;
  for (const unit of Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))) h = (h * 31 + unit) | 0;
  return h;
}

const rotateLeft = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const mul32 = (a: number, b: number): number => Number((BigInt(a >>> 0) * BigInt(b >>> 0)) & 0xffffffffn);

function mix(h: number, data: number): number {
  let k = mul32(data, 0xcc9e2d51);
  k = rotateLeft(k, 15);
  k = mul32(k, 0x1b873593);
  let hh = (h ^ k) >>> 0;
  hh = rotateLeft(hh, 13);
  return (mul32(hh, 5) + 0xe6546b64) >>> 0;
}

function avalanche(h: number): number {
  h = (h ^ (h >>> 16)) >>> 0;
  h = mul32(h, 0x85ebca6b);
  h = (h ^ (h >>> 13)) >>> 0;
  h = mul32(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** `MurmurHash3.productHash` of a Tuple2 of strings. */
export function tuple2HashCode(a: string, b: string): number {
  let h = 0xcafebabe;
  h = mix(h, javaHashCode(a));
  h = mix(h, javaHashCode(b));
  return avalanche((h ^ 2) >>> 0);
}

function improve(hcode: number): number {
  let h = (hcode + ~(hcode << 9)) | 0;
  h = h ^ (h >>> 14);
  h = (h + (h << 4)) | 0;
  return h ^ (h >>> 10);
}

// --- the maps ---------------------------------------------------------------------------------------

export interface Key {
  id: string;
  hashCode: number;
}

type Trie<V> =
  | { kind: 'leaf'; hash: number; key: Key; value: V }
  | { kind: 'collision'; hash: number; entries: { key: Key; value: V }[] }
  | { kind: 'trie'; bitmap: number; elems: Trie<V>[] };

function bitCount(x: number): number {
  let count = 0;
  for (let v = x >>> 0; v !== 0; v >>>= 1) count += v & 1;
  return count;
}

function makeTrie<V>(hash0: number, elem0: Trie<V>, hash1: number, elem1: Trie<V>, level: number): Trie<V> {
  const index0 = (hash0 >>> level) & 0x1f;
  const index1 = (hash1 >>> level) & 0x1f;
  if (index0 !== index1) {
    const bitmap = ((1 << index0) | (1 << index1)) >>> 0;
    return { kind: 'trie', bitmap, elems: index0 < index1 ? [elem0, elem1] : [elem1, elem0] };
  }
  return { kind: 'trie', bitmap: (1 << index0) >>> 0, elems: [makeTrie(hash0, elem0, hash1, elem1, level + 5)] };
}

function insert<V>(node: Trie<V> | null, key: Key, hash: number, value: V, level: number): Trie<V> {
  if (node === null) return { kind: 'leaf', hash, key, value };
  if (node.kind === 'leaf') {
    if (node.hash === hash && node.key.id === key.id) return { ...node, value };
    if (node.hash !== hash) return makeTrie(node.hash, node, hash, { kind: 'leaf', hash, key, value }, level);
    // ListMap.empty.updated(this).updated(new): the older entry first.
    return { kind: 'collision', hash, entries: [{ key: node.key, value: node.value }, { key, value }] };
  }
  if (node.kind === 'collision') {
    if (node.hash === hash) {
      // ListMap.updated: an existing key is removed and the pair appended.
      return { kind: 'collision', hash, entries: [...node.entries.filter((e) => e.key.id !== key.id), { key, value }] };
    }
    return makeTrie(node.hash, node, hash, { kind: 'leaf', hash, key, value }, level);
  }
  const index = (hash >>> level) & 0x1f;
  const mask = (1 << index) >>> 0;
  const offset = bitCount(node.bitmap & (mask - 1));
  const elems = [...node.elems];
  if ((node.bitmap & mask) !== 0) elems[offset] = insert(elems[offset], key, hash, value, level + 5);
  else elems.splice(offset, 0, { kind: 'leaf', hash, key, value });
  return { kind: 'trie', bitmap: (node.bitmap | mask) >>> 0, elems };
}

function* walk<V>(node: Trie<V> | null): Generator<[Key, V]> {
  if (node === null) return;
  if (node.kind === 'leaf') yield [node.key, node.value];
  else if (node.kind === 'collision') for (const e of node.entries) yield [e.key, e.value];
  else for (const child of node.elems) yield* walk(child);
}

/** `scala.collection.immutable.Map` as built by `MapBuilder` from `Map.empty`. */
export class ScalaMap<V> {
  private small: [Key, V][] | null = [];
  private trie: Trie<V> | null = null;

  updated(key: Key, value: V): this {
    if (this.small !== null) {
      const existing = this.small.findIndex(([k]) => k.id === key.id);
      if (existing >= 0) this.small[existing] = [key, value];
      else if (this.small.length < 4) this.small.push([key, value]);
      else {
        // Map4.updated: `new HashMap + (k1 -> v1, …, k4 -> v4, key -> value)`.
        const entries = [...this.small, [key, value] as [Key, V]];
        this.small = null;
        for (const [k, v] of entries) this.trie = insert(this.trie, k, improve(k.hashCode), v, 0);
      }
      return this;
    }
    this.trie = insert(this.trie, key, improve(key.hashCode), value, 0);
    return this;
  }

  entries(): [Key, V][] {
    return this.small !== null ? [...this.small] : [...walk(this.trie)];
  }

  /** `filter`: HashMap.filter0 keeps the trie, small maps keep their order; either way, iteration order. */
  filter(keep: (key: Key, value: V) => boolean): [Key, V][] {
    return this.entries().filter(([k, v]) => keep(k, v));
  }
}

// --- Deequ's ColumnProfiler.computeHistograms -------------------------------------------------------

const stringKey = (text: string): Key => ({ id: text, hashCode: javaHashCode(text) });
const pairKey = (column: string, value: string): Key => ({ id: JSON.stringify([column, value]), hashCode: tuple2HashCode(column, value) });

/**
 * Runs Deequ's histogram pass over `rows` (objects of column → text, null = missing) for
 * `targetColumns`, with `collect()` returning the pairs in first-seen order, and returns each column's
 * histogram values in iteration order, `NullValue` left out.
 */
export function deequHistogramOrder(rows: readonly Record<string, string | null>[], targetColumns: readonly string[]): Map<string, string[]> {
  const counted = new Map<string, { column: string; value: string; count: number }>();
  for (const row of rows) {
    for (const column of targetColumns) {
      const value = row[column] ?? 'NullValue';
      const id = JSON.stringify([column, value]);
      const entry = counted.get(id);
      if (entry) entry.count++;
      else counted.set(id, { column, value, count: 1 });
    }
  }
  // countByKey = reduceByKey(_ + _).collect().toMap
  const counts = new ScalaMap<{ column: string; value: string; count: number }>();
  for (const entry of counted.values()) counts.updated(pairKey(entry.column, entry.value), entry);
  const result = new Map<string, string[]>();
  for (const column of targetColumns) {
    const perColumn = new ScalaMap<number>();
    for (const [, entry] of counts.filter((_, e) => e.column === column)) perColumn.updated(stringKey(entry.value), entry.count);
    // `values = countsPerColumn.map { … }` rebuilds from empty once more.
    const values = new ScalaMap<number>();
    for (const [key, count] of perColumn.entries()) values.updated(key, count);
    result.set(
      column,
      values
        .entries()
        .map(([key]) => key.id)
        .filter((value) => value !== 'NullValue'),
    );
  }
  return result;
}
