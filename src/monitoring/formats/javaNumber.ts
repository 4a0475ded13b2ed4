/**
 * `Double.toString` as the JVM of SageMaker's analyzer prints it (JDK 8/11, Spark 3.3): the
 * FloatingDecimal digit generation that JDK 19 replaced (JDK-4511638). It mostly agrees with the
 * shortest round-trip digits JavaScript prints, but not always: it can print more digits than needed
 * (2^62 prints as `4.6116860184273879E18`, 2.0E23 as `1.9999999999999998E23`, 1.0E23 as
 * `9.999999999999999E22`) or a less close decimal (9.9E-324 prints as `1.0E-323`). In a sample of
 * 1.4 million doubles about 1.6 % differ from the shortest form, all of them outside 1e-6..1e9.
 * This is a re-derivation of that algorithm, quirks included, checked to agree on every one of
 * those 1.4 million values with Double.toString of OpenJDK 17 (which still uses it):
 * - integers up to 2^62 (and down to 2^-21 in scale) with no fractional bits take an exact "long"
 *   path that rounds away digits finer than the double's ULP;
 * - everything else runs a Steele & White / Gay style digit loop with a *symmetric* stop test (it
 *   ignores the narrower gap below a power of two, except for one hack for exact powers of two),
 *   carried out in 32-bit, 64-bit or arbitrary precision depending on the operand sizes; the 32/64-bit
 *   variants wrap on overflow and stop on `b + m > 10s` while the big variant stops on `>=`;
 * - in E-notation (decimal exponent < -3 or >= 7) at least two digits are generated.
 * Layout: `ddd.ddd` for 10^-3 <= |x| < 10^7, otherwise `d.dddE±n`, always with a digit after the point.
 */

const EXPONENT_SHIFT = 52;
const EXPONENT_BIAS = 1023;
const MAX_SMALL_BINARY_EXPONENT = 62;
const MIN_SMALL_BINARY_EXPONENT = -21;
const LONG_POW5_COUNT = 27; // 5^0 .. 5^26 fit in a signed 64-bit long

/** Approximately ceil(log2(5^i)), the table Java uses to choose between int, long and big arithmetic. */
const POW5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61];

/** Digits to drop (as a power of ten) for an integer whose precision ends 2^p above its last bit. */
const INSIGNIFICANT_DIGITS_FOR_POW2 = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11,
  11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
];

type Arithmetic = 'int' | 'long' | 'big';

interface DecimalDigits {
  digits: number[];
  /** The value is 0.d1d2d3… × 10^decimalExponent. */
  decimalExponent: number;
}

const bitsView = new DataView(new ArrayBuffer(8));

/**
 * Between 10^-3 and 10^7 (Java's plain layout), for a double that is not an exact power of two, the
 * old algorithm's digits are the shortest round-trip digits JavaScript prints: there its symmetric
 * margin is the true one, no shortest candidate can sit exactly on a margin (that needs |x| >= 2^51),
 * and both break an exact tie to the even digit. Checked against the full algorithm below on half a
 * million doubles once (test/unit/analysis/sketches/javaNumber.test.ts keeps a sample). Sketches
 * print thousands of doubles, so this skips the BigInt digit loop for nearly all of them.
 */
function plainShortForm(magnitude: number): string | null {
  if (!(magnitude >= 1e-3 && magnitude < 1e7)) return null;
  bitsView.setFloat64(0, magnitude);
  if (bitsView.getUint32(4) === 0 && (bitsView.getUint32(0) & 0xfffff) === 0) return null;
  const text = String(magnitude);
  return text.includes('.') ? text : `${text}.0`;
}

export function javaDoubleToString(x: number): string {
  const fast = plainShortForm(x < 0 ? -x : x);
  if (fast !== null) return x < 0 ? `-${fast}` : fast;
  return javaDoubleToStringExact(x);
}

/** The full FloatingDecimal algorithm (javaDoubleToString takes a proven shortcut where it can). */
export function javaDoubleToStringExact(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const negative = x < 0;
  const result = layout(decimalDigitsOf(Math.abs(x)));
  return negative ? `-${result}` : result;
}

/** A ratio printed as the percentage the analyzer writes in descriptions: Java's text of `ratio * 100`. */
export function javaPercent(ratio: number): string {
  return javaDoubleToString(ratio * 100);
}

function decimalDigitsOf(x: number): DecimalDigits {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  let fraction = bits & ((1n << 52n) - 1n);
  let binaryExponent = Number((bits >> 52n) & 0x7ffn);
  let significantBits: number;
  if (binaryExponent === 0) {
    // Subnormal: normalise so the leading bit sits where the hidden bit would be.
    const leadingZeros = 64 - fraction.toString(2).length;
    const shift = leadingZeros - (63 - EXPONENT_SHIFT);
    fraction <<= BigInt(shift);
    binaryExponent = 1 - shift;
    significantBits = 64 - leadingZeros;
  } else {
    fraction |= 1n << 52n;
    significantBits = EXPONENT_SHIFT + 1;
  }
  return generateDigits(binaryExponent - EXPONENT_BIAS, fraction, significantBits);
}

function trailingZeroBits(value: bigint): number {
  let count = 0;
  while ((value & 1n) === 0n) {
    value >>= 1n;
    count++;
  }
  return count;
}

/** Java's estimate of floor(log10(value)), computed with the same double arithmetic. */
function estimateDecimalExponent(fraction: bigint, binaryExponent: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, (BigInt(EXPONENT_BIAS) << 52n) | (fraction & ((1n << 52n) - 1n)));
  const d2 = view.getFloat64(0);
  const estimate = (d2 - 1.5) * 0.289529654 + 0.176091259 + binaryExponent * 0.301029995663981;
  return Math.floor(estimate);
}

function generateDigits(binaryExponent: number, fraction: bigint, significantBits: number): DecimalDigits {
  const tailZeros = trailingZeroBits(fraction);
  const fractionBits = EXPONENT_SHIFT + 1 - tailZeros;
  const tinyBits = Math.max(0, fractionBits - binaryExponent - 1);

  if (
    binaryExponent <= MAX_SMALL_BINARY_EXPONENT &&
    binaryExponent >= MIN_SMALL_BINARY_EXPONENT &&
    tinyBits < LONG_POW5_COUNT &&
    fractionBits + POW5_BITS[tinyBits] < 64 &&
    tinyBits === 0
  ) {
    // An integer that fits a long: print it, dropping digits below the double's precision.
    const insignificant =
      binaryExponent > significantBits ? insignificantDigitsForPow2(binaryExponent - significantBits - 1) : 0;
    const integer =
      binaryExponent >= EXPONENT_SHIFT ? fraction << BigInt(binaryExponent - EXPONENT_SHIFT) : fraction >> BigInt(EXPONENT_SHIFT - binaryExponent);
    return longDigits(integer, insignificant);
  }

  let decimalExponent = estimateDecimalExponent(fraction, binaryExponent);
  const b5 = Math.max(0, -decimalExponent);
  let b2 = b5 + tinyBits + binaryExponent;
  const s5 = Math.max(0, decimalExponent);
  let s2 = s5 + tinyBits;
  const m5 = b5;
  let m2 = b2 - significantBits;

  const significand = fraction >> BigInt(tailZeros);
  b2 -= fractionBits - 1;
  const common = Math.min(b2, s2);
  b2 -= common;
  s2 -= common;
  m2 -= common;
  // Java's hack for exact powers of two, whose lower neighbour is only half an ULP away.
  if (fractionBits === 1) m2 -= 1;
  if (m2 < 0) {
    b2 -= m2;
    s2 -= m2;
    m2 = 0;
  }

  const bBits = fractionBits + b2 + (b5 < POW5_BITS.length ? POW5_BITS[b5] : b5 * 3);
  const tenSBits = s2 + 1 + (s5 + 1 < POW5_BITS.length ? POW5_BITS[s5 + 1] : (s5 + 1) * 3);
  const arithmetic: Arithmetic = bBits < 64 && tenSBits < 64 ? (bBits < 32 && tenSBits < 32 ? 'int' : 'long') : 'big';
  const wrap = arithmetic === 'int' ? (v: bigint) => BigInt.asIntN(32, v) : arithmetic === 'long' ? (v: bigint) => BigInt.asIntN(64, v) : (v: bigint) => v;

  const s = wrap((5n ** BigInt(s5)) << BigInt(s2));
  let b = wrap(wrap(significand * 5n ** BigInt(b5)) << BigInt(b2));
  let m = wrap((5n ** BigInt(m5)) << BigInt(m2));
  const tenS = wrap(s * 10n);
  // The int/long loops stop when b + m > 10s; the big-number loop when b + m >= 10s.
  const reachesHigh = arithmetic === 'big' ? (bv: bigint, mv: bigint) => bv + mv >= tenS : (bv: bigint, mv: bigint) => wrap(bv + mv) > tenS;

  const digits: number[] = [];
  let q = Number(b / s);
  b = wrap(10n * (b % s));
  m = wrap(m * 10n);
  let low = b < m;
  let high = reachesHigh(b, m);
  if (q === 0 && !high) decimalExponent--;
  else digits.push(q);
  // E-notation needs a digit after the point, so generate at least two digits there.
  if (decimalExponent < -3 || decimalExponent >= 8) low = high = false;
  while (!low && !high) {
    q = Number(b / s);
    b = wrap(10n * (b % s));
    m = wrap(m * 10n);
    if (arithmetic === 'big' || m > 0n) {
      low = b < m;
      high = reachesHigh(b, m);
    } else {
      // Java's note: m overflowed, so it certainly exceeds b, and b + m exceeds 10s.
      low = high = true;
    }
    digits.push(q);
  }
  const lowDigitDifference = arithmetic === 'big' ? (2n * b > tenS ? 1n : 2n * b < tenS ? -1n : 0n) : wrap(wrap(b << 1n) - tenS);

  const result: DecimalDigits = { digits, decimalExponent: decimalExponent + 1 };
  if (high) {
    if (low) {
      if (lowDigitDifference === 0n) {
        if ((digits[digits.length - 1] & 1) !== 0) roundUp(result);
      } else if (lowDigitDifference > 0n) {
        roundUp(result);
      }
    } else {
      roundUp(result);
    }
  }
  return result;
}

function insignificantDigitsForPow2(p2: number): number {
  return p2 > 1 && p2 < INSIGNIFICANT_DIGITS_FOR_POW2.length ? INSIGNIFICANT_DIGITS_FOR_POW2[p2] : 0;
}

/** Java's `developLongDigits`: drop `insignificant` digits (rounding half up), then trailing zeros. */
function longDigits(value: bigint, insignificant: number): DecimalDigits {
  let exponent = 0;
  if (insignificant !== 0) {
    const pow10 = 10n ** BigInt(insignificant);
    const residue = value % pow10;
    value /= pow10;
    exponent += insignificant;
    if (residue >= pow10 >> 1n) value++;
  }
  const text = value.toString();
  const trimmed = text.replace(/0+$/, '');
  return { digits: Array.from(trimmed, (c) => c.charCodeAt(0) - 48), decimalExponent: exponent + text.length };
}

/** Adds one to the last digit; a carry out of all nines leaves "1000…" and bumps the exponent. */
function roundUp(result: DecimalDigits): void {
  const digits = result.digits;
  let i = digits.length - 1;
  while (digits[i] === 9 && i > 0) {
    digits[i] = 0;
    i--;
  }
  if (digits[i] === 9) {
    result.decimalExponent += 1;
    digits[0] = 1;
    return;
  }
  digits[i] += 1;
}

function layout({ digits, decimalExponent }: DecimalDigits): string {
  const text = digits.join('');
  if (decimalExponent > 0 && decimalExponent < 8) {
    const integerDigits = Math.min(digits.length, decimalExponent);
    const integerPart = text.slice(0, integerDigits);
    if (integerDigits < decimalExponent) return `${integerPart}${'0'.repeat(decimalExponent - integerDigits)}.0`;
    return `${integerPart}.${integerDigits < digits.length ? text.slice(integerDigits) : '0'}`;
  }
  if (decimalExponent <= 0 && decimalExponent > -3) return `0.${'0'.repeat(-decimalExponent)}${text}`;
  const exponent = decimalExponent <= 0 ? `-${-decimalExponent + 1}` : `${decimalExponent - 1}`;
  return `${text[0]}.${digits.length > 1 ? text.slice(1) : '0'}E${exponent}`;
}
