/**
 * XXH64 of inputs shorter than 32 bytes (the cells the HyperLogLog++ sketch hashes) in WebAssembly,
 * whose 64-bit multiply is one instruction where JavaScript needs seven 32-bit ones: about 2.5 times
 * faster per cell, copy included. The module is assembled here from its instructions (a dozen
 * opcodes, no toolchain); xxhash64.ts keeps the JavaScript algorithm for longer inputs and for
 * runtimes without WebAssembly (e.g. `node --jitless`).
 *
 * The input is copied into the module's memory at 0 (32 bytes); the hash is written at 32 as a
 * little-endian 64-bit word.
 */

const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

// The opcodes used (WebAssembly core specification, section 5.4).
const BLOCK = 0x02, LOOP = 0x03, IF = 0x04, END = 0x0b, BR = 0x0c, BR_IF = 0x0d, VOID = 0x40;
const LOCAL_GET = 0x20, LOCAL_SET = 0x21;
const I64_LOAD = 0x29, I64_LOAD8_U = 0x31, I64_LOAD32_U = 0x35, I64_STORE = 0x37;
const I32_CONST = 0x41, I64_CONST = 0x42;
const I32_GT_S = 0x4a, I32_LE_S = 0x4c, I32_GE_S = 0x4e, I32_ADD = 0x6a;
const I64_ADD = 0x7c, I64_MUL = 0x7e, I64_OR = 0x84, I64_XOR = 0x85, I64_SHL = 0x86, I64_SHR_U = 0x88, I64_ROTL = 0x89;
const I64_EXTEND_I32_U = 0xad;
const I32 = 0x7f, I64 = 0x7e, FUNC = 0x60;
/** memarg: alignment hint 1 byte (the loads are unaligned), offset 0. */
const UNALIGNED = [0x00, 0x00];

function signedLeb(value: bigint): number[] {
  const out: number[] = [];
  let rest = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(rest & 0x7fn);
    rest >>= 7n;
    const done = (rest === 0n && (byte & 0x40) === 0) || (rest === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  do {
    const byte = value & 0x7f;
    value >>>= 7;
    out.push(value === 0 ? byte : byte | 0x80);
  } while (value !== 0);
  return out;
}

const i64 = (value: bigint): number[] => [I64_CONST, ...signedLeb(value)];
const i32 = (value: number): number[] => [I32_CONST, ...signedLeb(BigInt(value))];
const get = (local: number): number[] => [LOCAL_GET, local];
const set = (local: number): number[] => [LOCAL_SET, local];

// Parameters (length, seed high, seed low), then locals p (i32) and h (i64).
const LENGTH = 0, SEED_HIGH = 1, SEED_LOW = 2, P = 3, H = 4;

/** `p += n` */
const advance = (n: number): number[] => [...get(P), ...i32(n), I32_ADD, ...set(P)];

const body = [
  // h = seed + P5 + length
  ...get(SEED_HIGH), I64_EXTEND_I32_U, ...i64(32n), I64_SHL, ...get(SEED_LOW), I64_EXTEND_I32_U, I64_OR,
  ...i64(P5), I64_ADD, ...get(LENGTH), I64_EXTEND_I32_U, I64_ADD, ...set(H),
  // while (p + 8 <= length) { h ^= rotl(word * P2, 31) * P1; h = rotl(h, 27) * P1 + P4; p += 8 }
  BLOCK, VOID, LOOP, VOID,
  ...get(P), ...i32(8), I32_ADD, ...get(LENGTH), I32_GT_S, BR_IF, 1,
  ...get(P), I64_LOAD, ...UNALIGNED, ...i64(P2), I64_MUL, ...i64(31n), I64_ROTL, ...i64(P1), I64_MUL,
  ...get(H), I64_XOR, ...i64(27n), I64_ROTL, ...i64(P1), I64_MUL, ...i64(P4), I64_ADD, ...set(H),
  ...advance(8), BR, 0,
  END, END,
  // if (p + 4 <= length) { h ^= word32 * P1; h = rotl(h, 23) * P2 + P3; p += 4 }
  ...get(P), ...i32(4), I32_ADD, ...get(LENGTH), I32_LE_S, IF, VOID,
  ...get(P), I64_LOAD32_U, ...UNALIGNED, ...i64(P1), I64_MUL, ...get(H), I64_XOR,
  ...i64(23n), I64_ROTL, ...i64(P2), I64_MUL, ...i64(P3), I64_ADD, ...set(H),
  ...advance(4),
  END,
  // while (p < length) { h ^= byte * P5; h = rotl(h, 11) * P1; p++ }
  BLOCK, VOID, LOOP, VOID,
  ...get(P), ...get(LENGTH), I32_GE_S, BR_IF, 1,
  ...get(P), I64_LOAD8_U, ...UNALIGNED, ...i64(P5), I64_MUL, ...get(H), I64_XOR, ...i64(11n), I64_ROTL, ...i64(P1), I64_MUL, ...set(H),
  ...advance(1), BR, 0,
  END, END,
  // Avalanche: h ^= h >>> 33; h *= P2; h ^= h >>> 29; h *= P3; h ^= h >>> 32; stored at 32.
  ...get(H), ...get(H), ...i64(33n), I64_SHR_U, I64_XOR, ...i64(P2), I64_MUL, ...set(H),
  ...get(H), ...get(H), ...i64(29n), I64_SHR_U, I64_XOR, ...i64(P3), I64_MUL, ...set(H),
  ...i32(32), ...get(H), ...get(H), ...i64(32n), I64_SHR_U, I64_XOR, I64_STORE, 0x03, 0x00,
  END,
];

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

function name(text: string): number[] {
  return [...unsignedLeb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

function assemble(): Uint8Array<ArrayBuffer> {
  const code = [2, 1, I32, 1, I64, ...body]; // locals: two groups, one i32 and one i64
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [1, FUNC, 3, I32, I32, I32, 0]), // type 0: (i32, i32, i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x00, 1]), // one memory of one page
    ...section(7, [2, ...name('hash'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...unsignedLeb(code.length), ...code]),
  ]);
}

/** Writes XXH64 of `bytes[offset, offset + length)`, length < 32, as [high, low] halves into `out`. */
export type ShortXxhash64 = (bytes: Uint8Array, offset: number, length: number, seedHigh: number, seedLow: number, out: Uint32Array) => void;

function load(): ShortXxhash64 | null {
  let hash: (length: number, seedHigh: number, seedLow: number) => void;
  let memory: WebAssembly.Memory;
  try {
    const exports = new WebAssembly.Instance(new WebAssembly.Module(assemble())).exports;
    hash = exports.hash as typeof hash;
    memory = exports.memory as WebAssembly.Memory;
  } catch {
    return null; // no WebAssembly here (e.g. --jitless): the JavaScript algorithm serves
  }
  const input = new Uint8Array(memory.buffer, 0, 32);
  const words = new Int32Array(memory.buffer, 0, 8);
  const result = new Uint32Array(memory.buffer, 32, 2);
  let viewed: Uint8Array | null = null;
  let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  return (bytes, offset, length, seedHigh, seedLow, out) => {
    if (offset + 32 <= bytes.length) {
      // Whole words: the few bytes past the input are copied too and never read.
      if (viewed !== bytes) {
        viewed = bytes;
        view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }
      for (let i = 0, n = (length + 3) >> 2; i < n; i++) words[i] = view.getInt32(offset + 4 * i, true);
    } else {
      for (let i = 0; i < length; i++) input[i] = bytes[offset + i];
    }
    hash(length, seedHigh, seedLow);
    out[0] = result[1];
    out[1] = result[0];
  };
}

/** The WebAssembly XXH64 for short inputs, or null where WebAssembly cannot run. */
export const shortXxhash64: ShortXxhash64 | null = load();
