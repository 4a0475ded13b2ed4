import fc from 'fast-check';
import { asAsyncProperty } from '../support/fuzzProperty';
import { ScratchWorkspace, scheduleDocumentsRunOrAreReported } from '../support/scheduleDocumentProperties';

/** scripts/fuzz.ts runs the same property at 100,000 cases. */
describe('schedule documents under fuzzing', function () {
  this.timeout(120_000);
  const workspace = new ScratchWorkspace();
  after(() => workspace.remove());

  it('one poll never rejects or hangs; a document that cannot run is reported naming its file, a runnable one is not', async () => {
    await fc.assert(asAsyncProperty(scheduleDocumentsRunOrAreReported(workspace)), { numRuns: 300 });
  });
});
