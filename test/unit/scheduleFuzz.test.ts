import fc from 'fast-check';
import { asProperty } from './support/fuzzProperty';
import { scheduleExpressionsParseOrExplain } from './support/scheduleProperties';

/** scripts/fuzz.ts runs the same property at 100,000 cases. */
describe('schedule expressions under fuzzing', () => {
  it('are accepted exactly when SageMaker accepts them, refused with a sentence naming them, and never hang', () => {
    fc.assert(asProperty(scheduleExpressionsParseOrExplain()), { numRuns: 2000 });
  });
});
