/**
 * The chapter's abalone data preparation (spec §8.1), reproduced with our own seeded generator:
 * Rings as float, Sex mapped M→2.0, F→1.0, I→0.0, columns reordered target-first, and a split stratified
 * by Sex into train/validation/test of 3341/418/418 rows (first 10 % test, then 1/9 of the rest for
 * validation, sizes rounded up as scikit-learn does).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DemoRandom } from './prng';
import { pythonFloat } from './pythonFloat';

export const TARGET_COLUMN = 'Rings';
export const FEATURE_COLUMNS = ['Sex', 'Length', 'Diameter', 'Height', 'WholeWeight', 'ShuckedWeight', 'VisceraWeight', 'ShellWeight'] as const;
export const ALL_COLUMNS = [TARGET_COLUMN, ...FEATURE_COLUMNS];

const SEX_CODES: Record<string, number> = { M: 2, F: 1, I: 0 };

export interface AbaloneRow {
  /** Row number in abalone.data (0-based): the pandas index the chapter puts in inference ids. */
  index: number;
  rings: number;
  /** Sex, Length, …, ShellWeight — the endpoint's payload order. */
  features: number[];
}

export interface AbaloneSplits {
  train: AbaloneRow[];
  validation: AbaloneRow[];
  test: AbaloneRow[];
}

/** Finds media/data/abalone.data from wherever this code runs (sources under tsx, or the bundle in dist/). */
export function findAbaloneDataFile(start: string = typeof __dirname !== 'undefined' ? __dirname : process.cwd()): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'media', 'data', 'abalone.data');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`Could not find media/data/abalone.data above ${start}; the extension's installation looks incomplete.`);
}

export function parseAbalone(text: string, file = 'abalone.data'): AbaloneRow[] {
  const rows: AbaloneRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',');
    if (cells.length !== 9) throw new Error(`${file}:${i + 1}: expected 9 comma-separated values, found ${cells.length}`);
    const sex = SEX_CODES[cells[0].trim()];
    if (sex === undefined) throw new Error(`${file}:${i + 1}: Sex must be M, F or I, found "${cells[0]}"`);
    const numbers = cells.slice(1).map((c, j) => {
      const x = Number(c);
      if (c.trim() === '' || !Number.isFinite(x)) throw new Error(`${file}:${i + 1}: column ${j + 2} "${c}" is not a number`);
      return x;
    });
    rows.push({ index: rows.length, rings: numbers[7], features: [sex, ...numbers.slice(0, 7)] });
  });
  return rows;
}

export function loadAbalone(path = findAbaloneDataFile()): AbaloneRow[] {
  return parseAbalone(readFileSync(path, 'utf8'), path);
}

/** Stratified by Sex: each stratum contributes its proportional share (largest remainders) of the held-out rows. */
function stratifiedHoldOut(rows: AbaloneRow[], holdOutSize: number, random: DemoRandom): { rest: AbaloneRow[]; heldOut: AbaloneRow[] } {
  const strata = new Map<number, AbaloneRow[]>();
  for (const row of rows) {
    const key = row.features[0];
    if (!strata.has(key)) strata.set(key, []);
    strata.get(key)!.push(row);
  }
  const keys = [...strata.keys()].sort((a, b) => a - b);
  const exact = keys.map((k) => (strata.get(k)!.length * holdOutSize) / rows.length);
  const counts = exact.map(Math.floor);
  const order = keys.map((_, i) => i).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (let i = 0; counts.reduce((s, c) => s + c, 0) < holdOutSize; i++) counts[order[i % order.length]]++;
  const heldOut: AbaloneRow[] = [];
  const rest: AbaloneRow[] = [];
  keys.forEach((k, i) => {
    const shuffled = random.shuffle([...strata.get(k)!]);
    heldOut.push(...shuffled.slice(0, counts[i]));
    rest.push(...shuffled.slice(counts[i]));
  });
  return { rest: random.shuffle(rest), heldOut: random.shuffle(heldOut) };
}

export function splitAbalone(rows: AbaloneRow[], seed: number): AbaloneSplits {
  const random = new DemoRandom(seed);
  const first = stratifiedHoldOut(rows, Math.ceil(rows.length * 0.1), random);
  const second = stratifiedHoldOut(first.rest, Math.ceil(first.rest.length / 9), random);
  return { train: second.rest, validation: second.heldOut, test: first.heldOut };
}

/** A split as the chapter writes it: header, Rings first, every value a float literal. */
export function splitToCsv(rows: readonly AbaloneRow[]): string {
  const lines = [ALL_COLUMNS.join(',')];
  for (const row of rows) lines.push([row.rings, ...row.features].map(pythonFloat).join(','));
  return `${lines.join('\n')}\n`;
}
