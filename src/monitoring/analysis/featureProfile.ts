/**
 * What the analyzer keeps per column while it streams a dataset, in bounded memory: type counts,
 * numeric moments, a KLL sketch, a HyperLogLog++ sketch of the cell texts and, for low-cardinality
 * columns, exact value counts. Profiles of partitions merge (in input order) into the profile of the
 * whole input, and serialise to plain data so worker threads can hand them back.
 */
import { HyperLogLogPlusPlus } from './hyperLogLog';
import { KllSketch, type KllSketchState } from './kll';
import { NumericMoments, type NumericMomentsState } from './numericMoments';
import { CELL_FRACTIONAL, CELL_INTEGRAL, classifyCell, inferColumnType, parsedNumber, type CellType, type TypeCounts } from './typeInference';
import type { InferredType } from '../formats/statistics';
import type { CellTarget } from './csvRows';

/**
 * Exact value counts are kept until a column shows more distinct values than this. SageMaker only
 * reports categorical buckets when the HyperLogLog++ estimate is at most 120 (Deequ's
 * low-cardinality threshold); with 512 registers an estimate of 120 or less for 256 or more true
 * distinct values is many standard errors away, so nothing reported is lost by dropping the counts.
 */
export const CATEGORY_TRACKING_LIMIT = 256;

/** Deequ's low-cardinality threshold for categorical histograms. */
export const LOW_CARDINALITY_THRESHOLD = 120;

const RECENT_SLOTS = 2048;
const RECENT_TEXT_BYTES = 24;
/**
 * A table is given up when its first RECENT_TRIAL_MISSES misses came with fewer than RECENT_MIN_HITS
 * hits: a column of mostly unique texts (measurements with 3–4 decimals) pays the table's hash,
 * compare and copy on every cell and gains nothing. Only speed depends on it, never a result.
 */
const RECENT_TRIAL_MISSES = 4096;
const RECENT_MIN_HITS = 1024;

type HyperLogLogState = ReturnType<HyperLogLogPlusPlus['toState']>;

export interface ColumnProfileState {
  present: number;
  typeCounts: TypeCounts;
  moments: NumericMomentsState;
  sketch: KllSketchState;
  distinct: HyperLogLogState;
  categories: [string, number][] | null;
  knownValueCount: number;
}

/** The direct-mapped table of recent texts behind `ColumnProfile.addCell` (one per column). */
class RecentTexts {
  readonly texts = new Uint8Array(RECENT_SLOTS * RECENT_TEXT_BYTES);
  /** Length + 1 of the text in each slot; 0 marks an empty slot. */
  readonly lengths = new Uint8Array(RECENT_SLOTS);
  readonly types = new Uint8Array(RECENT_SLOTS);
  readonly values = new Float64Array(RECENT_SLOTS);
  /** The decoded text, once a column needed it (value counts or known values). */
  readonly strings: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(undefined);
  /** False once the column's texts proved too rarely repeated for the table to pay (see RECENT_TRIAL_MISSES). */
  useful = true;
  /**
   * True once one partition of the run counted more than CATEGORY_TRACKING_LIMIT distinct texts in
   * this column: the merged profile has no value counts then, so later partitions keep none either.
   */
  categoriesOverflowed = false;
  hits = 0;
  private misses = 0;

  holds(slot: number, bytes: Uint8Array, start: number, length: number): boolean {
    const texts = this.texts;
    const base = slot * RECENT_TEXT_BYTES;
    for (let i = 0; i < length; i++) if (texts[base + i] !== bytes[start + i]) return false;
    return true;
  }

  remember(slot: number, bytes: Uint8Array, start: number, length: number, type: CellType, value: number): void {
    const texts = this.texts;
    const base = slot * RECENT_TEXT_BYTES;
    for (let i = 0; i < length; i++) texts[base + i] = bytes[start + i];
    this.lengths[slot] = length + 1;
    this.types[slot] = type;
    this.values[slot] = value;
    this.strings[slot] = undefined;
    if (++this.misses === RECENT_TRIAL_MISSES && this.hits < RECENT_MIN_HITS) this.useful = false;
  }
}

/**
 * The recent-text tables of one run's columns in one thread, kept from partition to partition so a
 * value seen in an earlier partition is not hashed, parsed or decoded again. Skipping the
 * HyperLogLog++ update of such a value leaves the merged sketch as it would be (registers merge by
 * maximum and the earlier partition's sketch already holds it), and so does keeping no value counts
 * for a column an earlier partition overflowed (the merge drops them then). So a pool must only ever
 * serve the partitions of ONE run that are all merged together; never share one between runs.
 */
export class RecentTextsPool {
  private readonly tables = new Map<string | number, RecentTexts>();

  /** The table of the column at `key` (its position, or its name in keyed profiles). */
  table(key: string | number): RecentTexts {
    let table = this.tables.get(key);
    if (table === undefined) {
      table = new RecentTexts();
      this.tables.set(key, table);
    }
    return table;
  }
}

const utf8Decoder = new TextDecoder('utf-8');

/** A cell's text (the input was checked to be UTF-8 when it was read). */
function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  return bytes instanceof Buffer ? bytes.toString('utf8', start, end) : utf8Decoder.decode(bytes.subarray(start, end));
}

export class ColumnProfile {
  present = 0;
  readonly typeCounts: TypeCounts = [0, 0, 0, 0];
  moments = new NumericMoments();
  sketch = new KllSketch();
  distinct = new HyperLogLogPlusPlus();
  /** Exact counts per cell text in first-seen order; null once the column exceeded CATEGORY_TRACKING_LIMIT. */
  categories: Map<string, number> | null = new Map();
  /** Cells whose text is one of `knownValues` (the baseline's domain, for categorical_values_check). */
  knownValueCount = 0;

  constructor(
    readonly knownValues: ReadonlySet<string> | null = null,
    recent: RecentTexts | null = null,
  ) {
    this.recent = recent;
    if (recent?.categoriesOverflowed) this.categories = null;
  }

  /**
   * Texts seen recently, direct-mapped by a cheap hash of their bytes, with what was learnt from
   * them: adding a text the HyperLogLog++ sketch has already seen cannot change it, and a text's
   * type, value and decoded string never change, so a repeated value skips the XXH64, the number
   * parse and the UTF-8 decode. Allocated on the first cell (profiles rebuilt for merging never need it).
   */
  private recent: RecentTexts | null;

  /** Adds one present cell (empty only for a JSON "" value), given as its UTF-8 bytes. */
  addCell(bytes: Uint8Array, start: number, end: number): void {
    this.present++;
    const length = end - start;
    let slot = -1;
    let type: CellType;
    let value = 0;
    let recent = this.recent;
    if (recent === null) recent = this.recent = new RecentTexts();
    if (length <= RECENT_TEXT_BYTES && recent.useful) {
      let hash = 0x811c9dc5 ^ length;
      for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
      slot = (hash ^ (hash >>> 15)) & (RECENT_SLOTS - 1);
      if (recent.lengths[slot] === length + 1 && recent.holds(slot, bytes, start, length)) {
        recent.hits++;
        type = recent.types[slot] as CellType;
        value = recent.values[slot];
        this.count(type, value);
        if (this.categories !== null || this.knownValues !== null) {
          let text = recent.strings[slot];
          if (text === undefined) text = recent.strings[slot] = decodeUtf8(bytes, start, end);
          this.countText(text);
        }
        return;
      }
    }
    this.distinct.updateBytes(bytes, start, length);
    type = classifyCell(bytes, start, end);
    if (type === CELL_INTEGRAL || type === CELL_FRACTIONAL) value = parsedNumber;
    if (slot >= 0) recent.remember(slot, bytes, start, length, type, value);
    this.count(type, value);
    if (this.categories !== null || this.knownValues !== null) {
      const text = decodeUtf8(bytes, start, end);
      if (slot >= 0) recent.strings[slot] = text;
      this.countText(text);
    }
  }

  private count(type: CellType, value: number): void {
    this.typeCounts[type]++;
    if (type === CELL_INTEGRAL || type === CELL_FRACTIONAL) {
      this.moments.add(value);
      this.sketch.update(value);
    }
  }

  private countText(text: string): void {
    const categories = this.categories;
    if (categories !== null) {
      const count = categories.get(text);
      if (count !== undefined) categories.set(text, count + 1);
      else if (categories.size < CATEGORY_TRACKING_LIMIT) categories.set(text, 1);
      else {
        this.categories = null;
        if (this.recent !== null) this.recent.categoriesOverflowed = true;
      }
    }
    if (this.knownValues !== null && this.knownValues.has(text)) this.knownValueCount++;
  }

  get inferredType(): InferredType {
    return inferColumnType(this.typeCounts);
  }

  /** Folds a later partition's profile of the same column into this one (Spark's partition merge). */
  merge(other: ColumnProfile): void {
    this.mergeCounts(other.present, other.typeCounts, other.moments, other.distinct, other.knownValueCount, other.categories);
    this.sketch.merge(other.sketch);
  }

  /** `merge(ColumnProfile.fromState(state))`, without building the sketch only to copy it again. */
  mergeState(state: ColumnProfileState): void {
    const categories = state.categories === null ? null : new Map(state.categories);
    this.mergeCounts(state.present, state.typeCounts, NumericMoments.fromState(state.moments), HyperLogLogPlusPlus.fromState(state.distinct), state.knownValueCount, categories);
    this.sketch.mergeState(state.sketch);
  }

  private mergeCounts(
    present: number,
    typeCounts: TypeCounts,
    moments: NumericMoments,
    distinct: HyperLogLogPlusPlus,
    knownValueCount: number,
    categories: ReadonlyMap<string, number> | null,
  ): void {
    this.present += present;
    for (let i = 0; i < 4; i++) this.typeCounts[i] += typeCounts[i];
    this.moments.merge(moments);
    this.distinct.merge(distinct);
    this.knownValueCount += knownValueCount;
    if (this.categories !== null && categories !== null) {
      for (const [text, count] of categories) this.categories.set(text, (this.categories.get(text) ?? 0) + count);
      if (this.categories.size > CATEGORY_TRACKING_LIMIT) this.categories = null;
    } else {
      this.categories = null;
    }
  }

  /** Gives the sketch's buffers back for reuse (KllSketch.release); the profile must not be used afterwards. */
  release(): void {
    this.sketch.release();
  }

  toState(): ColumnProfileState {
    return {
      present: this.present,
      typeCounts: [...this.typeCounts] as TypeCounts,
      moments: this.moments.toState(),
      sketch: this.sketch.toState(),
      distinct: this.distinct.toState(),
      categories: this.categories === null ? null : [...this.categories],
      knownValueCount: this.knownValueCount,
    };
  }

  static fromState(state: ColumnProfileState, knownValues: ReadonlySet<string> | null = null): ColumnProfile {
    const profile = new ColumnProfile(knownValues);
    profile.present = state.present;
    for (let i = 0; i < 4; i++) profile.typeCounts[i] = state.typeCounts[i];
    profile.moments = NumericMoments.fromState(state.moments);
    profile.sketch = KllSketch.fromState(state.sketch);
    profile.distinct = HyperLogLogPlusPlus.fromState(state.distinct);
    profile.categories = state.categories === null ? null : new Map(state.categories);
    profile.knownValueCount = state.knownValueCount;
    return profile;
  }
}

/**
 * The baseline's domains, by column position, so monitoring runs can count known values while they
 * stream (the counts of a high-cardinality column are not kept).
 */
export type KnownValuesByColumn = ReadonlyArray<ReadonlySet<string> | null>;

export interface DatasetProfileState {
  rowCount: number;
  names: string[] | null;
  columns: ColumnProfileState[];
}

/**
 * The profile of a whole dataset or of one partition. Columns are positional (CSV, captured records),
 * or keyed by name (flat JSON Lines: `names` holds each column's key, in first-seen order).
 */
export class DatasetProfile implements CellTarget {
  rowCount = 0;
  readonly columns: ColumnProfile[] = [];
  private readonly indexByName: Map<string, number> | null;

  constructor(
    readonly names: string[] | null = null,
    private readonly knownValues: KnownValuesByColumn = [],
    /** Shared recent-text tables (see RecentTextsPool); only for profiles that read cells. */
    private readonly pool: RecentTextsPool | null = null,
  ) {
    this.indexByName = names === null ? null : new Map(names.map((name, index) => [name, index]));
  }

  /** The column at `index`, created on first use (rows of captured data can be wider than earlier ones). */
  column(index: number): ColumnProfile {
    while (this.columns.length <= index) {
      const position = this.columns.length;
      const recent = this.pool === null ? null : this.pool.table(this.names === null ? position : this.names[position]);
      this.columns.push(new ColumnProfile(this.knownValues[position] ?? null, recent));
    }
    return this.columns[index];
  }

  /** CellTarget for the CSV splitter: one cell of the current row; empty cells are missing. */
  cell(index: number, bytes: Buffer, start: number, end: number): void {
    if (end > start) this.column(index).addCell(bytes, start, end);
  }

  /** The column keyed `name` (keyed profiles only). */
  namedColumn(name: string): ColumnProfile {
    const indexByName = this.indexByName;
    const names = this.names;
    if (indexByName === null || names === null) throw new Error('namedColumn() on a positional profile');
    let index = indexByName.get(name);
    if (index === undefined) {
      index = names.length;
      names.push(name);
      indexByName.set(name, index);
    }
    return this.column(index);
  }

  /** Missing cells of a column: rows that had no non-empty value for it. */
  missing(index: number): number {
    return this.rowCount - (this.columns[index]?.present ?? 0);
  }

  merge(other: DatasetProfile): void {
    this.rowCount += other.rowCount;
    this.mergeColumns(other.names, other.columns, (column, partial) => column.merge(partial));
  }

  /** `merge(DatasetProfile.fromState(state))` without building that profile (see ColumnProfile.mergeState). */
  mergeState(state: DatasetProfileState): void {
    this.rowCount += state.rowCount;
    this.mergeColumns(state.names, state.columns, (column, partial) => column.mergeState(partial));
  }

  private mergeColumns<T>(names: readonly string[] | null, columns: readonly T[], mergeOne: (column: ColumnProfile, partial: T) => void): void {
    if (this.names !== null && names !== null) {
      columns.forEach((partial, index) => mergeOne(this.namedColumn(names[index]), partial));
    } else if (this.names === null && names === null) {
      columns.forEach((partial, index) => mergeOne(this.column(index), partial));
    } else {
      throw new Error('Cannot merge a keyed profile with a positional one');
    }
  }

  /** Once merged or copied out: lets the next partition of this thread reuse the sketches' buffers. */
  release(): void {
    for (const column of this.columns) column.release();
  }

  toState(): DatasetProfileState {
    return { rowCount: this.rowCount, names: this.names === null ? null : [...this.names], columns: this.columns.map((c) => c.toState()) };
  }

  static fromState(state: DatasetProfileState, knownValues: KnownValuesByColumn = []): DatasetProfile {
    const profile = new DatasetProfile(state.names === null ? null : [...state.names], knownValues);
    profile.rowCount = state.rowCount;
    state.columns.forEach((column, index) => profile.columns.push(ColumnProfile.fromState(column, knownValues[index] ?? null)));
    return profile;
  }
}
