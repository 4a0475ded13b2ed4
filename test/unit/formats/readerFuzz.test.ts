import fc from 'fast-check';
import { asProperty } from '../support/fuzzProperty';
import { ScratchFile, captureFastPathAgreesWithJsonParse, captureReaderFailsOnlyWithFormatErrors, csvHeaderReadsUniqueNamesOrFails } from './readerProperties';

/** The analyzer's readers under fuzzing; scripts/fuzz.ts runs the same properties at 100,000 cases. */
describe('analyzer readers under fuzzing', () => {
  const scratch = new ScratchFile();
  after(() => scratch.remove());

  it('the capture line fast path reads what JSON.parse reads, or hands the line back', () => {
    fc.assert(asProperty(captureFastPathAgreesWithJsonParse()), { numRuns: 2000 });
  });

  it('damaged capture files fail only with FormatErrors naming file and line', () => {
    fc.assert(asProperty(captureReaderFailsOnlyWithFormatErrors(scratch)), { numRuns: 500 });
  });

  it('CSV with damaged headers: unique names, or a FormatError naming file and line', () => {
    fc.assert(asProperty(csvHeaderReadsUniqueNamesOrFails(scratch)), { numRuns: 500 });
  });
});
