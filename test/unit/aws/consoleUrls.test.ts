import { strict as assert } from 'node:assert';
import { consoleUrl, parseArn } from '../../../src/monitoring/aws/consoleUrls';

describe('SageMaker console URLs', () => {
  it("links an endpoint to its page in the ARN's own region, with the name as the API spells it", () => {
    assert.equal(
      consoleUrl('arn:aws:sagemaker:eu-west-2:123456789012:endpoint/churn-endpoint', 'Churn-Endpoint'),
      'https://eu-west-2.console.aws.amazon.com/sagemaker/home?region=eu-west-2#/endpoints/Churn-Endpoint',
    );
  });

  it('links a monitoring schedule to its page', () => {
    assert.equal(
      consoleUrl('arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/churn-data-quality-hourly', 'churn-data-quality-hourly'),
      'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/monitoring-schedules/churn-data-quality-hourly',
    );
  });

  it('uses the China and GovCloud consoles for their partitions', () => {
    assert.equal(
      consoleUrl('arn:aws-cn:sagemaker:cn-north-1:123456789012:endpoint/e', 'e'),
      'https://cn-north-1.console.amazonaws.cn/sagemaker/home?region=cn-north-1#/endpoints/e',
    );
    assert.equal(
      consoleUrl('arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:endpoint/e', 'e'),
      'https://us-gov-west-1.console.amazonaws-us-gov.com/sagemaker/home?region=us-gov-west-1#/endpoints/e',
    );
  });

  it('has no link for other resources, other services, partitions without a console, or what is not an ARN', () => {
    assert.equal(consoleUrl('arn:aws:sagemaker:us-east-1:123456789012:processing-job/p', 'p'), undefined);
    assert.equal(consoleUrl('arn:aws:s3:::bucket/key', 'key'), undefined);
    assert.equal(consoleUrl('arn:aws-iso:sagemaker:us-iso-east-1:123456789012:endpoint/e', 'e'), undefined);
    assert.equal(consoleUrl('churn-endpoint', 'churn-endpoint'), undefined);
  });

  it('parses the parts of an ARN', () => {
    assert.deepEqual(parseArn('arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/a-b'), {
      partition: 'aws',
      service: 'sagemaker',
      region: 'us-east-1',
      account: '123456789012',
      resourceType: 'monitoring-schedule',
      resourceName: 'a-b',
    });
  });
});
