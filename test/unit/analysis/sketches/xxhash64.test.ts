import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { xxhash64, xxhash64Halves, xxhash64HalvesJs } from '../../../../src/monitoring/analysis/xxhash64';
import { shortXxhash64 } from '../../../../src/monitoring/analysis/xxhash64Wasm';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('XXH64', () => {
  it('gives the published test vectors', () => {
    assert.equal(xxhash64(new Uint8Array(0), 0), 0xef46db3751d8e999n);
    assert.equal(xxhash64(utf8('a'), 0), 0xd24ec4f1a98c6e5bn);
    assert.equal(xxhash64(utf8('abc'), 0), 0x44bc2cf5ad770999n);
    assert.equal(xxhash64(utf8('Nobody inspects the spammish repetition'), 0), 0xfbcea83c8a378bf1n);
  });

  const vectors = (): [string, string, string][] => {
    const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/xxh64-vectors.json'), 'utf8')) as { cases: [string, string, string][] };
    assert.ok(fixture.cases.length > 300);
    return fixture.cases;
  };

  it('agrees with the reference C library for every input length path (0-79 bytes, 32-byte stripes) and seed', () => {
    // Inputs under 32 bytes take the WebAssembly version here: it must run on Node.
    assert.notEqual(shortXxhash64, null);
    for (const [hex, seed, hash] of vectors()) {
      const got = xxhash64(Buffer.from(hex, 'hex'), BigInt(seed)).toString(16).padStart(16, '0');
      assert.equal(got, hash, `${hex.length / 2} bytes, seed ${seed}`);
    }
  });

  it('agrees with it in JavaScript alone too (runtimes without WebAssembly)', () => {
    const out = new Uint32Array(2);
    for (const [hex, seed, hash] of vectors()) {
      const seed64 = BigInt.asUintN(64, BigInt(seed));
      xxhash64HalvesJs(Buffer.from(hex, 'hex'), 0, hex.length / 2, Number(seed64 >> 32n), Number(seed64 & 0xffffffffn), out);
      assert.equal(((BigInt(out[0]) << 32n) | BigInt(out[1])).toString(16).padStart(16, '0'), hash, `${hex.length / 2} bytes, seed ${seed}`);
    }
  });

  it('hashes every short slice (the WebAssembly copies) as JavaScript does, whatever follows it in the buffer', () => {
    const buffer = Buffer.from(Array.from({ length: 80 }, (_, i) => (i * 151 + 7) & 0xff));
    const viaWasm = new Uint32Array(2);
    const viaJs = new Uint32Array(2);
    for (let length = 0; length < 32; length++) {
      for (let offset = 0; offset + length <= buffer.length; offset += 3) {
        xxhash64Halves(buffer, offset, length, 0, 42, viaWasm);
        xxhash64HalvesJs(buffer, offset, length, 0, 42, viaJs);
        assert.deepEqual(viaWasm, viaJs, `${length} bytes at ${offset}`);
      }
    }
  });

  it('hashes a slice in place the same as a copy of it, as two 32-bit halves', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.nat(20), fc.nat(40), (body, before, after) => {
        const framed = new Uint8Array(before + body.length + after).fill(0xab);
        framed.set(body, before);
        const out = new Uint32Array(2);
        xxhash64Halves(framed, before, body.length, 0, 42, out);
        assert.equal((BigInt(out[0]) << 32n) | BigInt(out[1]), xxhash64(body, 42));
      }),
      { numRuns: 200 },
    );
  });
});
