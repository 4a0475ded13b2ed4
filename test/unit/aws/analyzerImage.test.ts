import { strict as assert } from 'node:assert';
import { analyzerImageUri, analyzerRegions } from '../../../src/monitoring/aws/analyzerImage';

describe('analyzer image per region', () => {
  it("names the region's account and partition domain", () => {
    assert.equal(analyzerImageUri('us-west-2'), '159807026194.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer');
    assert.equal(analyzerImageUri('eu-central-1'), '048819808253.dkr.ecr.eu-central-1.amazonaws.com/sagemaker-model-monitor-analyzer');
    assert.equal(analyzerImageUri('cn-north-1'), '453000072557.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-model-monitor-analyzer');
    assert.equal(analyzerImageUri('cn-northwest-1'), '453252182341.dkr.ecr.cn-northwest-1.amazonaws.com.cn/sagemaker-model-monitor-analyzer');
  });

  it('covers the 28 commercial and China regions of the table', () => {
    assert.ok(analyzerRegions().length >= 28);
    for (const region of analyzerRegions()) assert.match(analyzerImageUri(region), /^\d{12}\.dkr\.ecr\./);
  });

  it('refuses a region without the image, listing the ones that have it', () => {
    assert.throws(() => analyzerImageUri('mars-north-1'), (e: Error & { kind?: string }) => e.kind === 'Validation' && /mars-north-1/.test(e.message) && /us-east-1/.test(e.message));
  });
});
