import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { xxhash64, xxhash64Halves } from '../../../../src/monitoring/analysis/xxhash64';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('XXH64', () => {
  it('gives the published test vectors', () => {
    assert.equal(xxhash64(new Uint8Array(0), 0), 0xef46db3751d8e999n);
    assert.equal(xxhash64(utf8('a'), 0), 0xd24ec4f1a98c6e5bn);
    assert.equal(xxhash64(utf8('abc'), 0), 0x44bc2cf5ad770999n);
    assert.equal(xxhash64(utf8('Nobody inspects the spammish repetition'), 0), 0xfbcea83c8a378bf1n);
  });

  it('agrees with the reference C library for every input length path (0-79 bytes, 32-byte stripes) and seed', () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/xxh64-vectors.json'), 'utf8')) as { cases: [string, string, string][] };
    assert.ok(fixture.cases.length > 300);
    for (const [hex, seed, hash] of fixture.cases) {
      const got = xxhash64(Buffer.from(hex, 'hex'), BigInt(seed)).toString(16).padStart(16, '0');
      assert.equal(got, hash, `${hex.length / 2} bytes, seed ${seed}`);
    }
  });

  it('hashes a slice in place the same as a copy of it, as two 32-bit halves', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.nat(20), fc.nat(20), (body, before, after) => {
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
