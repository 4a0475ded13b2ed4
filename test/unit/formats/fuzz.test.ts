import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { FUZZ_TARGETS, captureFileBytes, parseCaptureFile, unacceptableFailure } from '../support/formatArbitraries';

/** Property tests over generated documents; scripts/fuzz.ts runs the same properties at 100,000+ cases. */
describe('format parsers under fuzzing', () => {
  for (const t of FUZZ_TARGETS) {
    describe(t.name, () => {
      it('reads back every valid document it writes, unknown keys included', () => {
        fc.assert(
          fc.property(t.valid, (value) => {
            assert.deepStrictEqual(t.parse(t.serialize(value), 's3://b/valid.json'), value);
          }),
          { numRuns: 150 },
        );
      });

      it('fails on damaged input only with a FormatError naming the file (and line)', () => {
        const file = 's3://bucket/prefix/file.json';
        fc.assert(
          fc.property(t.inputs, (input) => {
            let parsed: unknown;
            try {
              parsed = t.parse(input, file);
            } catch (e) {
              const why = unacceptableFailure(e, file, t.line);
              if (why) throw new Error(`${why}\ninput: ${JSON.stringify(input)}`);
              return;
            }
            // Whatever was accepted must survive a rewrite unchanged.
            assert.deepStrictEqual(t.parse(t.serialize(parsed), file), parsed);
          }),
          { numRuns: 350 },
        );
      });
    });
  }

  it('reads damaged capture files byte by byte only with FormatErrors naming file and line', () => {
    const file = 's3://bucket/capture/ep/AllTraffic/2024/01/01/00/00-00-000-x.jsonl';
    fc.assert(
      fc.property(captureFileBytes, (bytes) => {
        try {
          parseCaptureFile(bytes, file);
        } catch (e) {
          const why = unacceptableFailure(e, file, 'any');
          if (why) throw new Error(`${why}\nbytes: ${Buffer.from(bytes).toString('hex')}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
