import fc from 'fast-check';
import { asProperty } from '../support/fuzzProperty';
import { FUZZ_TARGETS, captureFileFailsOnlyWithFormatErrors, failsOnlyWithFormatErrors, readsBackWhatItWrites } from '../support/formatArbitraries';

/** Property tests over generated documents; scripts/fuzz.ts runs the same properties at 100,000+ cases. */
describe('format parsers under fuzzing', () => {
  for (const t of FUZZ_TARGETS) {
    describe(t.name, () => {
      it('reads back every valid document it writes, unknown keys included', () => {
        fc.assert(asProperty(readsBackWhatItWrites(t, 's3://b/valid.json')), { numRuns: 150 });
      });

      it('fails on damaged input only with a FormatError naming the file (and line)', () => {
        fc.assert(asProperty(failsOnlyWithFormatErrors(t, 's3://bucket/prefix/file.json')), { numRuns: 350 });
      });
    });
  }

  it('reads damaged capture files byte by byte only with FormatErrors naming file and line', () => {
    fc.assert(asProperty(captureFileFailsOnlyWithFormatErrors('s3://bucket/capture/ep/AllTraffic/2024/01/01/00/00-00-000-x.jsonl')), { numRuns: 500 });
  });
});
