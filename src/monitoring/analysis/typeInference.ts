/**
 * Per-cell type inference exactly as Deequ's `StatefulDataType` does it, working on the cell's UTF-8
 * bytes so the hot path never builds a string (spec §3.3, analyzer-exactness "Type inference"):
 *   Fractional  ^(-|\+)? ?\d+((\.\d+)|((?:\.\d+)?[Ee][-+]?\d+))$
 *   Integral    ^(-|\+)? ?\d+$
 *   Boolean     ^(true|false)$
 *   anything else is String; an empty cell is missing.
 * For numeric cells the value is parsed in the same pass (see `parsedNumber`).
 */
import type { InferredType } from '../formats/statistics';
import { parseLongDecimal } from './longDecimal';

export const CELL_INTEGRAL = 0;
export const CELL_FRACTIONAL = 1;
export const CELL_BOOLEAN = 2;
export const CELL_STRING = 3;
export type CellType = typeof CELL_INTEGRAL | typeof CELL_FRACTIONAL | typeof CELL_BOOLEAN | typeof CELL_STRING;

/** The double value of the last cell `classifyCell` found numeric (a module slot: no allocation per cell). */
export let parsedNumber = 0;

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT_INT = 9007199254740992; // 2^53

/**
 * Classifies the non-empty cell `bytes[start, end)` and, when it is Integral or Fractional, leaves its
 * double value in `parsedNumber`. The value is exactly what Java's `Double.parseDouble` (and JS
 * `Number`) gives: a fast path for m / 10^k with m ≤ 2^53 and k ≤ 22 (both exact, so one correctly
 * rounded division), otherwise the platform's correctly rounded parser.
 */
export function classifyCell(bytes: Uint8Array, start: number, end: number): CellType {
  let i = start;
  let c = bytes[i];
  let negative = false;
  if (c === 0x2d || c === 0x2b) {
    negative = c === 0x2d;
    i++;
    if (i < end && bytes[i] === 0x20) i++;
  }
  const digitsStart = i;
  let mantissa = 0;
  while (i < end) {
    c = bytes[i];
    if (c < 0x30 || c > 0x39) break;
    mantissa = mantissa * 10 + (c - 0x30);
    i++;
  }
  const intDigits = i - digitsStart;
  if (intDigits === 0) return classifyNonNumeric(bytes, start, end);
  if (i === end) {
    parsedNumber = mantissa < MAX_EXACT_INT ? (negative ? -mantissa : mantissa) : slowParse(bytes, start, end);
    return CELL_INTEGRAL;
  }
  let fractionDigits = 0;
  if (c === 0x2e) {
    i++;
    const fractionStart = i;
    while (i < end) {
      c = bytes[i];
      if (c < 0x30 || c > 0x39) break;
      mantissa = mantissa * 10 + (c - 0x30);
      i++;
    }
    fractionDigits = i - fractionStart;
    if (fractionDigits === 0) return CELL_STRING;
    if (i === end) {
      if (mantissa < MAX_EXACT_INT && fractionDigits <= 22) parsedNumber = (negative ? -mantissa : mantissa) / POW10[fractionDigits];
      else {
        // Long decimals (17-digit predictions): an exact path on the bytes, the platform parser when it cannot decide.
        parsedNumber = parseLongDecimal(bytes, start, end);
        if (parsedNumber !== parsedNumber) parsedNumber = slowParse(bytes, start, end);
      }
      return CELL_FRACTIONAL;
    }
  }
  if (c !== 0x45 && c !== 0x65) return CELL_STRING;
  i++;
  let exponentNegative = false;
  if (i < end && (bytes[i] === 0x2d || bytes[i] === 0x2b)) {
    exponentNegative = bytes[i] === 0x2d;
    i++;
  }
  const exponentStart = i;
  let exponent = 0;
  while (i < end) {
    c = bytes[i];
    if (c < 0x30 || c > 0x39) return CELL_STRING;
    if (exponent < 100000) exponent = exponent * 10 + (c - 0x30);
    i++;
  }
  if (i === exponentStart) return CELL_STRING;
  const scale = (exponentNegative ? -exponent : exponent) - fractionDigits;
  if (mantissa < MAX_EXACT_INT && scale >= -22 && scale <= 22) {
    const signed = negative ? -mantissa : mantissa;
    parsedNumber = scale < 0 ? signed / POW10[-scale] : signed * POW10[scale];
    // m * 10^s is exact only while the product stays an integer below 2^53.
    if (scale > 0 && Math.abs(parsedNumber) >= MAX_EXACT_INT) parsedNumber = slowParse(bytes, start, end);
  } else {
    parsedNumber = slowParse(bytes, start, end);
  }
  return CELL_FRACTIONAL;
}

function classifyNonNumeric(bytes: Uint8Array, start: number, end: number): CellType {
  const length = end - start;
  if (
    length === 4 &&
    bytes[start] === 0x74 &&
    bytes[start + 1] === 0x72 &&
    bytes[start + 2] === 0x75 &&
    bytes[start + 3] === 0x65
  ) {
    return CELL_BOOLEAN;
  }
  if (
    length === 5 &&
    bytes[start] === 0x66 &&
    bytes[start + 1] === 0x61 &&
    bytes[start + 2] === 0x6c &&
    bytes[start + 3] === 0x73 &&
    bytes[start + 4] === 0x65
  ) {
    return CELL_BOOLEAN;
  }
  return CELL_STRING;
}

/** Correctly rounded parse of an ASCII numeral; the optional space after the sign is dropped. */
function slowParse(bytes: Uint8Array, start: number, end: number): number {
  const spaced = end - start > 1 && bytes[start + 1] === 0x20;
  if (!spaced && bytes instanceof Buffer) return Number(bytes.toString('latin1', start, end));
  let text = '';
  for (let i = start; i < end; i++) if (bytes[i] !== 0x20) text += String.fromCharCode(bytes[i]);
  return Number(text);
}

const textEncoder = new TextEncoder();

/** Convenience for tests and cold paths: classify a cell given as text (empty text is not allowed). */
export function classifyText(text: string): { type: CellType; value?: number } {
  const bytes = textEncoder.encode(text);
  const type = classifyCell(bytes, 0, bytes.length);
  return type === CELL_INTEGRAL || type === CELL_FRACTIONAL ? { type, value: parsedNumber } : { type };
}

/** Counts of non-missing cells per type, indexed by `CellType`. */
export type TypeCounts = [integral: number, fractional: number, boolean: number, string: number];

/**
 * Deequ's `determineType`: all missing → Unknown; any String, or Boolean mixed with numbers →
 * String; any Fractional → Fractional; else Integral. Model Monitor files know no Boolean type, so a
 * column of only booleans is reported as String.
 */
export function inferColumnType(counts: TypeCounts): InferredType {
  const [integral, fractional, boolean, string] = counts;
  if (integral + fractional + boolean + string === 0) return 'Unknown';
  if (string > 0 || boolean > 0) return 'String';
  if (fractional > 0) return 'Fractional';
  return 'Integral';
}

export function isNumericType(type: InferredType): type is 'Integral' | 'Fractional' {
  return type === 'Integral' || type === 'Fractional';
}
