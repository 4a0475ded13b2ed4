/**
 * Names and locations of the demo scenario: the book chapter's abalone endpoint (spec §8), its data,
 * capture, ground truth, baselines and two hourly monitors, laid out under the chapter's S3 prefixes.
 */
import { LOCAL_ACCOUNT } from '../local/workspaceLayout';

export const DEMO_BUCKET = 'model-monitor-demo';
const BASE = `s3://${DEMO_BUCKET}/sagemaker-studio-book/chapter10/abalone`;

export const DEMO = {
  workspaceName: 'abalone-demo',
  endpointName: 'abalone-xgb-demo',
  endpointConfigName: 'abalone-xgb-demo-config',
  modelName: 'abalone-xgb-demo-model',
  variantName: 'AllTraffic',
  roleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/model-monitor-local-demo`,
  trainUri: `${BASE}/data/abalone_train.csv`,
  validationUri: `${BASE}/data/abalone_val.csv`,
  testUri: `${BASE}/data/abalone_test.csv`,
  modelQualityBaselineDatasetUri: `${BASE}/data/abalone_val_model_quality_baseline.csv`,
  captureUri: `${BASE}/datacapture`,
  groundTruthUri: `${BASE}/ground-truth-data`,
  dataQuality: {
    baselineJobName: 'abalone-data-quality-baseline',
    baselineUri: `${BASE}/data-quality-output/baseline`,
    reportsUri: `${BASE}/data-quality-output/reports`,
    jobDefinitionName: 'abalone-data-quality-job-definition',
    scheduleName: 'abalone-data-quality-hourly',
  },
  modelQuality: {
    baselineJobName: 'abalone-model-quality-baseline',
    baselineUri: `${BASE}/model-quality-output/baseline`,
    reportsUri: `${BASE}/model-quality-output/reports`,
    jobDefinitionName: 'abalone-model-quality-job-definition',
    scheduleName: 'abalone-model-quality-hourly',
  },
  hourlyCron: 'cron(0 * ? * * *)',
  defaultSeed: 42,
  defaultHours: 48,
} as const;
