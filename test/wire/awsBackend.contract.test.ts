import { describeBackendContract } from '../contract/backendContract';
import { awsContractFixture, startAwsWireRig } from './awsFixture';

describeBackendContract('AwsBackend over the SageMaker test server and moto S3', async () => awsContractFixture(await startAwsWireRig()));
