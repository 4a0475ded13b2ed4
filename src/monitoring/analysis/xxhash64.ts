/**
 * XXH64 (Yann Collet's xxHash, 64-bit variant), the hash Spark's HyperLogLog++ applies to each value
 * (Spark's `XXH64.hashUnsafeBytes` is the standard algorithm over little-endian words).
 *
 * It runs once per distinct cell over gigabytes, so it works on pairs of 32-bit halves instead of
 * BigInt. Each 64-bit helper returns the low half and leaves the high half in `HIGH[0]`; halves are
 * kept as signed int32 (`| 0`) so no intermediate ever becomes a heap-allocated number. Inputs shorter
 * than 32 bytes go to the WebAssembly version where it runs (xxhash64Wasm.ts).
 */
import { shortXxhash64 } from './xxhash64Wasm';

// The five XXH64 primes, as [high, low] int32 halves.
const P1_HI = 0x9e3779b1 | 0, P1_LO = 0x85ebca87 | 0;
const P2_HI = 0xc2b2ae3d | 0, P2_LO = 0x27d4eb4f | 0;
const P3_HI = 0x165667b1 | 0, P3_LO = 0x9e3779f9 | 0;
const P4_HI = 0x85ebca77 | 0, P4_LO = 0xc2b2ae63 | 0;
const P5_HI = 0x27d4eb2f | 0, P5_LO = 0x165667c5 | 0;

const TWO_TO_MINUS_32 = 2 ** -32;

/** High half of the last 64-bit result; the helpers return the low half. */
const HIGH = new Int32Array(1);

function add64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  const lo = (aLo >>> 0) + (bLo >>> 0);
  HIGH[0] = aHi + bHi + (lo > 0xffffffff ? 1 : 0);
  return lo | 0;
}

/** (a * b) mod 2^64 on halves. */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  HIGH[0] = mulHigh(aLo, bLo) + Math.imul(aHi, bLo) + Math.imul(aLo, bHi);
  return Math.imul(aLo, bLo);
}

/**
 * High 32 bits (as int32) of the unsigned 32 x 32-bit product. The double product is off by at most
 * 2^11 and the exact low half (Math.imul) is known, so (product - low) / 2^32 is within 2^-20 of the
 * high half, and rounding it gives the high half exactly.
 */
function mulHigh(a: number, b: number): number {
  return (((a >>> 0) * (b >>> 0) - (Math.imul(a, b) >>> 0)) * TWO_TO_MINUS_32 + 0.5) | 0;
}

/** Rotate left by r, 0 < r < 32. */
function rotl64(hi: number, lo: number, r: number): number {
  HIGH[0] = (hi << r) | (lo >>> (32 - r));
  return (lo << r) | (hi >>> (32 - r));
}

function readI32(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}

/** One stripe lane: acc = rotl(acc + input * P2, 31) * P1. Returns low half, high half in `HIGH[0]`. */
function round(accHi: number, accLo: number, inHi: number, inLo: number): number {
  let lo = mul64(inHi, inLo, P2_HI, P2_LO);
  lo = add64(accHi, accLo, HIGH[0], lo);
  lo = rotl64(HIGH[0], lo, 31);
  return mul64(HIGH[0], lo, P1_HI, P1_LO);
}

/** Folds a lane into the converged hash: h = (h ^ round(0, lane)) * P1 + P4. */
function mergeRound(hHi: number, hLo: number, laneHi: number, laneLo: number): number {
  const lo = round(0, 0, laneHi, laneLo);
  const mLo = mul64(hHi ^ HIGH[0], hLo ^ lo, P1_HI, P1_LO);
  return add64(HIGH[0], mLo, P4_HI, P4_LO);
}

/**
 * XXH64 of `bytes[offset, offset + length)` with a 64-bit seed given as halves; writes the hash as
 * [high, low] unsigned 32-bit halves into `out`. Allocation-free.
 */
export function xxhash64Halves(bytes: Uint8Array, offset: number, length: number, seedHigh: number, seedLow: number, out: Uint32Array): void {
  if (length < 32 && shortXxhash64 !== null) shortXxhash64(bytes, offset, length, seedHigh, seedLow, out);
  else xxhash64HalvesJs(bytes, offset, length, seedHigh, seedLow, out);
}

/** The same in JavaScript alone, for any length (exported for the tests that compare the two). */
export function xxhash64HalvesJs(
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
  seedHigh |= 0;
  seedLow |= 0;
  if (length >= 32) {
    let v1Lo = add64(seedHigh, seedLow, P1_HI, P1_LO);
    v1Lo = add64(HIGH[0], v1Lo, P2_HI, P2_LO);
    let v1Hi = HIGH[0];
    let v2Lo = add64(seedHigh, seedLow, P2_HI, P2_LO);
    let v2Hi = HIGH[0];
    let v3Hi = seedHigh;
    let v3Lo = seedLow;
    // seed - P1 = seed + (2^64 - P1)
    let v4Lo = add64(seedHigh, seedLow, ~P1_HI, -P1_LO | 0);
    let v4Hi = HIGH[0];
    const limit = end - 32;
    do {
      v1Lo = round(v1Hi, v1Lo, readI32(bytes, p + 4), readI32(bytes, p));
      v1Hi = HIGH[0];
      v2Lo = round(v2Hi, v2Lo, readI32(bytes, p + 12), readI32(bytes, p + 8));
      v2Hi = HIGH[0];
      v3Lo = round(v3Hi, v3Lo, readI32(bytes, p + 20), readI32(bytes, p + 16));
      v3Hi = HIGH[0];
      v4Lo = round(v4Hi, v4Lo, readI32(bytes, p + 28), readI32(bytes, p + 24));
      v4Hi = HIGH[0];
      p += 32;
    } while (p <= limit);
    hLo = rotl64(v1Hi, v1Lo, 1);
    hHi = HIGH[0];
    let tLo = rotl64(v2Hi, v2Lo, 7);
    hLo = add64(hHi, hLo, HIGH[0], tLo);
    hHi = HIGH[0];
    tLo = rotl64(v3Hi, v3Lo, 12);
    hLo = add64(hHi, hLo, HIGH[0], tLo);
    hHi = HIGH[0];
    tLo = rotl64(v4Hi, v4Lo, 18);
    hLo = add64(hHi, hLo, HIGH[0], tLo);
    hHi = HIGH[0];
    hLo = mergeRound(hHi, hLo, v1Hi, v1Lo);
    hHi = HIGH[0];
    hLo = mergeRound(hHi, hLo, v2Hi, v2Lo);
    hHi = HIGH[0];
    hLo = mergeRound(hHi, hLo, v3Hi, v3Lo);
    hHi = HIGH[0];
    hLo = mergeRound(hHi, hLo, v4Hi, v4Lo);
    hHi = HIGH[0];
  } else {
    hLo = add64(seedHigh, seedLow, P5_HI, P5_LO);
    hHi = HIGH[0];
  }
  // h += total length (lengths are far below 2^32)
  hLo = add64(hHi, hLo, 0, length | 0);
  hHi = HIGH[0];

  // The tail and the avalanche run for every value: written out by hand so the halves stay in registers.
  let lo: number;
  let t: number;
  while (p + 8 <= end) {
    const inLo = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
    const inHi = bytes[p + 4] | (bytes[p + 5] << 8) | (bytes[p + 6] << 16) | (bytes[p + 7] << 24);
    // k = rotl(input * P2, 31) * P1
    let kHi = (mulHigh(inLo, P2_LO) + Math.imul(inHi, P2_LO) + Math.imul(inLo, P2_HI)) | 0;
    let kLo = Math.imul(inLo, P2_LO);
    t = (kHi << 31) | (kLo >>> 1);
    kLo = (kLo << 31) | (kHi >>> 1);
    kHi = t;
    t = (mulHigh(kLo, P1_LO) + Math.imul(kHi, P1_LO) + Math.imul(kLo, P1_HI)) | 0;
    kLo = Math.imul(kLo, P1_LO);
    kHi = t;
    // h ^= k; h = rotl(h, 27) * P1 + P4
    hHi ^= kHi; hLo ^= kLo;
    t = (hHi << 27) | (hLo >>> 5);
    hLo = (hLo << 27) | (hHi >>> 5);
    hHi = t;
    t = (mulHigh(hLo, P1_LO) + Math.imul(hHi, P1_LO) + Math.imul(hLo, P1_HI)) | 0;
    hLo = Math.imul(hLo, P1_LO);
    hHi = t;
    lo = (hLo >>> 0) + (P4_LO >>> 0);
    hHi = (hHi + P4_HI + (lo > 0xffffffff ? 1 : 0)) | 0;
    hLo = lo | 0;
    p += 8;
  }
  if (p + 4 <= end) {
    const w = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
    // h = rotl(h ^ (w * P1), 23) * P2 + P3
    const kHi = (mulHigh(w, P1_LO) + Math.imul(w, P1_HI)) | 0;
    const kLo = Math.imul(w, P1_LO);
    hHi ^= kHi; hLo ^= kLo;
    t = (hHi << 23) | (hLo >>> 9);
    hLo = (hLo << 23) | (hHi >>> 9);
    hHi = t;
    t = (mulHigh(hLo, P2_LO) + Math.imul(hHi, P2_LO) + Math.imul(hLo, P2_HI)) | 0;
    hLo = Math.imul(hLo, P2_LO);
    hHi = t;
    lo = (hLo >>> 0) + (P3_LO >>> 0);
    hHi = (hHi + P3_HI + (lo > 0xffffffff ? 1 : 0)) | 0;
    hLo = lo | 0;
    p += 4;
  }
  while (p < end) {
    const b = bytes[p];
    // h = rotl(h ^ (b * P5), 11) * P1
    // b * P5_LO < 2^40 is exact in a double, so its high half is one multiply away.
    const kHi = ((b * (P5_LO >>> 0) * TWO_TO_MINUS_32) | 0) + Math.imul(b, P5_HI) | 0;
    const kLo = Math.imul(b, P5_LO);
    hHi ^= kHi; hLo ^= kLo;
    t = (hHi << 11) | (hLo >>> 21);
    hLo = (hLo << 11) | (hHi >>> 21);
    hHi = t;
    t = (mulHigh(hLo, P1_LO) + Math.imul(hHi, P1_LO) + Math.imul(hLo, P1_HI)) | 0;
    hLo = Math.imul(hLo, P1_LO);
    hHi = t;
    p++;
  }
  // Avalanche: h ^= h >>> 33; h *= P2; h ^= h >>> 29; h *= P3; h ^= h >>> 32.
  hLo ^= hHi >>> 1;
  t = (mulHigh(hLo, P2_LO) + Math.imul(hHi, P2_LO) + Math.imul(hLo, P2_HI)) | 0;
  hLo = Math.imul(hLo, P2_LO);
  hHi = t;
  hLo ^= (hLo >>> 29) | (hHi << 3);
  hHi ^= hHi >>> 29;
  t = (mulHigh(hLo, P3_LO) + Math.imul(hHi, P3_LO) + Math.imul(hLo, P3_HI)) | 0;
  hLo = Math.imul(hLo, P3_LO);
  hHi = t;
  hLo ^= hHi;
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
