/**
 * XXH64 (Yann Collet's xxHash, 64-bit variant), the hash Spark's HyperLogLog++ applies to each value
 * (Spark's `XXH64.hashUnsafeBytes` is the standard algorithm over little-endian words).
 *
 * It runs once per cell over gigabytes, so the arithmetic is done on pairs of 32-bit halves instead
 * of BigInt: each 64-bit helper returns the low half and leaves the high half in `high`.
 */

// The five XXH64 primes, as [high, low] 32-bit halves.
const P1_HI = 0x9e3779b1, P1_LO = 0x85ebca87;
const P2_HI = 0xc2b2ae3d, P2_LO = 0x27d4eb4f;
const P3_HI = 0x165667b1, P3_LO = 0x9e3779f9;
const P4_HI = 0x85ebca77, P4_LO = 0xc2b2ae63;
const P5_HI = 0x27d4eb2f, P5_LO = 0x165667c5;

/** High half of the last 64-bit result; the helpers return the low half. */
let high = 0;

function add64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  const lo = aLo + bLo;
  high = (aHi + bHi + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  return lo >>> 0;
}

/** (a * b) mod 2^64 with unsigned 32-bit halves. */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  const a0 = aLo & 0xffff, a1 = aLo >>> 16;
  const b0 = bLo & 0xffff, b1 = bLo >>> 16;
  const low = a0 * b0;
  const cross1 = a1 * b0;
  const cross2 = a0 * b1;
  const middle = (low >>> 16) + (cross1 & 0xffff) + (cross2 & 0xffff);
  const lo = ((middle << 16) | (low & 0xffff)) >>> 0;
  const carry = a1 * b1 + (cross1 >>> 16) + (cross2 >>> 16) + (middle >>> 16);
  high = (carry + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) >>> 0;
  return lo;
}

/** Rotate left by r, 0 < r < 32. */
function rotl64Small(hi: number, lo: number, r: number): number {
  high = ((hi << r) | (lo >>> (32 - r))) >>> 0;
  return ((lo << r) | (hi >>> (32 - r))) >>> 0;
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/** One stripe lane: acc = rotl(acc + input * P2, 31) * P1. Returns low half, high half in `high`. */
function round(accHi: number, accLo: number, inHi: number, inLo: number): number {
  let lo = mul64(inHi, inLo, P2_HI, P2_LO);
  lo = add64(accHi, accLo, high, lo);
  lo = rotl64Small(high, lo, 31);
  return mul64(high, lo, P1_HI, P1_LO);
}

/** Folds a lane into the converged hash: h = (h ^ round(0, lane)) * P1 + P4. */
function mergeRound(hHi: number, hLo: number, laneHi: number, laneLo: number): number {
  const lo = round(0, 0, laneHi, laneLo);
  const xHi = (hHi ^ high) >>> 0;
  const xLo = (hLo ^ lo) >>> 0;
  const mLo = mul64(xHi, xLo, P1_HI, P1_LO);
  return add64(high, mLo, P4_HI, P4_LO);
}

/**
 * XXH64 of `bytes[offset, offset + length)` with a 64-bit seed given as halves; writes the hash as
 * [high, low] unsigned 32-bit halves into `out`. Allocation-free.
 */
export function xxhash64Halves(
  bytes: Uint8Array,
  offset: number,
  length: number,
  seedHigh: number,
  seedLow: number,
  out: Uint32Array,
): void {
  const end = offset + length;
  let p = offset;
  let hHi: number;
  let hLo: number;
  if (length >= 32) {
    let v1Lo = add64(seedHigh, seedLow, P1_HI, P1_LO);
    let v1Hi = high;
    v1Lo = add64(v1Hi, v1Lo, P2_HI, P2_LO);
    v1Hi = high;
    let v2Lo = add64(seedHigh, seedLow, P2_HI, P2_LO);
    let v2Hi = high;
    let v3Hi = seedHigh >>> 0;
    let v3Lo = seedLow >>> 0;
    // seed - P1 = seed + (2^64 - P1)
    let v4Lo = add64(seedHigh, seedLow, ~P1_HI >>> 0, ((~P1_LO >>> 0) + 1) >>> 0);
    let v4Hi = high;
    const limit = end - 32;
    do {
      v1Lo = round(v1Hi, v1Lo, readU32(bytes, p + 4), readU32(bytes, p));
      v1Hi = high;
      v2Lo = round(v2Hi, v2Lo, readU32(bytes, p + 12), readU32(bytes, p + 8));
      v2Hi = high;
      v3Lo = round(v3Hi, v3Lo, readU32(bytes, p + 20), readU32(bytes, p + 16));
      v3Hi = high;
      v4Lo = round(v4Hi, v4Lo, readU32(bytes, p + 28), readU32(bytes, p + 24));
      v4Hi = high;
      p += 32;
    } while (p <= limit);
    hLo = rotl64Small(v1Hi, v1Lo, 1);
    hHi = high;
    let tLo = rotl64Small(v2Hi, v2Lo, 7);
    hLo = add64(hHi, hLo, high, tLo);
    hHi = high;
    tLo = rotl64Small(v3Hi, v3Lo, 12);
    hLo = add64(hHi, hLo, high, tLo);
    hHi = high;
    tLo = rotl64Small(v4Hi, v4Lo, 18);
    hLo = add64(hHi, hLo, high, tLo);
    hHi = high;
    hLo = mergeRound(hHi, hLo, v1Hi, v1Lo);
    hHi = high;
    hLo = mergeRound(hHi, hLo, v2Hi, v2Lo);
    hHi = high;
    hLo = mergeRound(hHi, hLo, v3Hi, v3Lo);
    hHi = high;
    hLo = mergeRound(hHi, hLo, v4Hi, v4Lo);
    hHi = high;
  } else {
    hLo = add64(seedHigh, seedLow, P5_HI, P5_LO);
    hHi = high;
  }
  // h += total length (lengths are far below 2^32)
  hLo = add64(hHi, hLo, 0, length >>> 0);
  hHi = high;

  while (p + 8 <= end) {
    const kLo = round(0, 0, readU32(bytes, p + 4), readU32(bytes, p));
    const kHi = high;
    const xLo = rotl64Small((hHi ^ kHi) >>> 0, (hLo ^ kLo) >>> 0, 27);
    hLo = mul64(high, xLo, P1_HI, P1_LO);
    hLo = add64(high, hLo, P4_HI, P4_LO);
    hHi = high;
    p += 8;
  }
  if (p + 4 <= end) {
    let kLo = mul64(0, readU32(bytes, p), P1_HI, P1_LO);
    const xLo = rotl64Small((hHi ^ high) >>> 0, (hLo ^ kLo) >>> 0, 23);
    kLo = mul64(high, xLo, P2_HI, P2_LO);
    hLo = add64(high, kLo, P3_HI, P3_LO);
    hHi = high;
    p += 4;
  }
  while (p < end) {
    const kLo = mul64(0, bytes[p], P5_HI, P5_LO);
    const xLo = rotl64Small((hHi ^ high) >>> 0, (hLo ^ kLo) >>> 0, 11);
    hLo = mul64(high, xLo, P1_HI, P1_LO);
    hHi = high;
    p++;
  }

  // Avalanche: h ^= h >>> 33; h *= P2; h ^= h >>> 29; h *= P3; h ^= h >>> 32.
  hLo = (hLo ^ (hHi >>> 1)) >>> 0;
  hLo = mul64(hHi, hLo, P2_HI, P2_LO);
  hHi = high;
  hLo = (hLo ^ ((hLo >>> 29) | (hHi << 3))) >>> 0;
  hHi = (hHi ^ (hHi >>> 29)) >>> 0;
  hLo = mul64(hHi, hLo, P3_HI, P3_LO);
  hHi = high;
  hLo = (hLo ^ hHi) >>> 0;
  out[0] = hHi;
  out[1] = hLo;
}

const MASK64 = (1n << 64n) - 1n;
const halves = new Uint32Array(2);

/** XXH64 of `bytes` as an unsigned 64-bit BigInt. A negative seed is taken as its two's complement. */
export function xxhash64(bytes: Uint8Array, seed: bigint | number = 0): bigint {
  const seed64 = BigInt.asUintN(64, BigInt(seed)) & MASK64;
  xxhash64Halves(bytes, 0, bytes.length, Number(seed64 >> 32n), Number(seed64 & 0xffffffffn), halves);
  return (BigInt(halves[0]) << 32n) | BigInt(halves[1]);
}
