/**
 * Correctly rounded parsing of plain decimals whose digits do not fit a double exactly, such as the
 * 17-digit `repr` of a float that model predictions usually are ("12.345678901234567"). `Number()`
 * needs a string first and costs ~150 ns for these; this stays on the bytes.
 *
 * The digits form an integer m (16 to 19 digits, so 2^53 <= m < 10^19) and the value is m / 10^k with
 * k <= 22, where 10^k is an exact double. m is held exactly as the pair H + L (H = the double nearest
 * m). A candidate y = H / 10^k is within one ulp of the answer; it is the correctly rounded value iff
 * the residual r = m - y * 10^k lies strictly between the residuals of the two midpoints around y,
 * -(ulp below / 2) * 10^k and (ulp above / 2) * 10^k. The residual is computed from error-free
 * products (Dekker's splitting, since JavaScript has no fused multiply-add): H - p is exact (Sterbenz),
 * so the computed r is off by less than 2^-36 while the midpoint residuals are at least 1/4 apart from
 * 0. A residual within a safety margin of a midpoint (a tie, or too close to call) returns NaN and
 * the caller asks `Number()`.
 */

const SPLITTER = 134217729; // 2^27 + 1
const MAX_FRACTION_DIGITS = 22;
const MIN_DIGITS = 16;
const MAX_DIGITS = 19;
/** How close to a midpoint a residual may come before the platform parser decides. */
const MARGIN = 2 ** -20;

const POW10: number[] = [];
const POW10_HIGH: number[] = [];
const POW10_LOW: number[] = [];
for (let k = 0; k <= MAX_FRACTION_DIGITS; k++) {
  const p = Number(`1e${k}`);
  const c = SPLITTER * p;
  const high = c - (c - p);
  POW10.push(p);
  POW10_HIGH.push(high);
  POW10_LOW.push(p - high);
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** a * 10^k - product exactly, where product = fl(a * 10^k) (Dekker's two-product without FMA). */
function productError(a: number, product: number, k: number): number {
  const c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  const bHigh = POW10_HIGH[k];
  const bLow = POW10_LOW[k];
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/** The spacing of doubles just above the positive normal double y (its ulp). */
function ulpAbove(y: number): number {
  bits[0] = y;
  const exponent = (words[HIGH_WORD] >>> 20) & 0x7ff;
  words[HIGH_WORD] = (exponent - 52) << 20;
  words[1 - HIGH_WORD] = 0;
  return bits[0];
}

/** Whether the positive normal double y is a power of two (the spacing below it is half the one above). */
function isPowerOfTwo(y: number): boolean {
  bits[0] = y;
  return (words[HIGH_WORD] & 0xfffff) === 0 && words[1 - HIGH_WORD] === 0;
}

/**
 * The double nearest `[+|-][ ]digits[.digits]` in `bytes[start, end)` (the form `classifyCell` has
 * already checked), or NaN when this path does not apply (fewer than 16 or more than 19 digits, more
 * than 22 after the point) or cannot decide; then `Number()` of the text is the answer.
 */
export function parseLongDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (bytes[i] === 0x2d || bytes[i] === 0x2b) {
    negative = bytes[i] === 0x2d;
    i++;
    if (bytes[i] === 0x20) i++;
  }
  // m = head * 10^8 + tail, tail being the last eight digits: both parts exact. The digits are
  // counted first, so each lands in its part directly.
  let digits = 0;
  let fractionDigits = -1;
  for (let j = i; j < end; j++) {
    const c = bytes[j];
    if (c === 0x2e && fractionDigits < 0) fractionDigits = 0;
    else if (c < 0x30 || c > 0x39) return NaN;
    else {
      digits++;
      if (fractionDigits >= 0) fractionDigits++;
    }
  }
  if (fractionDigits < 0) fractionDigits = 0;
  if (digits > MAX_DIGITS || digits < MIN_DIGITS || fractionDigits > MAX_FRACTION_DIGITS) return NaN;
  let head = 0;
  let tail = 0;
  for (let seen = 0; i < end; i++) {
    const c = bytes[i];
    if (c === 0x2e) continue;
    if (seen++ < digits - 8) head = head * 10 + (c - 0x30);
    else tail = tail * 10 + (c - 0x30);
  }
  // head * 1e8 exactly as s + t, then m = H + L with H = fl(m) (TwoSum).
  const s = head * 1e8;
  const c = SPLITTER * head;
  const headHigh = c - (c - head);
  const headLow = head - headHigh;
  const t = headHigh * POW10_HIGH[8] - s + headHigh * POW10_LOW[8] + headLow * POW10_HIGH[8] + headLow * POW10_LOW[8];
  const w = t + tail; // both integers below 2^28: exact
  const mHigh = s + w;
  const virtual = mHigh - s;
  const mLow = s - (mHigh - virtual) + (w - virtual);
  if (mHigh < 9007199254740992) return NaN;

  const p10 = POW10[fractionDigits];
  let y = mHigh / p10;
  for (let attempt = 0; attempt < 3; attempt++) {
    const product = y * p10;
    const error = productError(y, product, fractionDigits);
    const residual = mHigh - product + mLow - error;
    const up = ulpAbove(y);
    const down = isPowerOfTwo(y) ? up / 2 : up;
    const upperMid = (up / 2) * p10;
    const lowerMid = -(down / 2) * p10;
    if (residual > upperMid + MARGIN) y += up;
    else if (residual < lowerMid - MARGIN) y -= down;
    else if (residual < upperMid - MARGIN && residual > lowerMid + MARGIN) return negative ? -y : y;
    else return NaN;
  }
  return NaN;
}
