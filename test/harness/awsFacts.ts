// What the integration suite's emulated AWS account holds (test/harness/awsEmulators.ts), as the tree shows it.
export const awsFacts = {
  profile: 'model-monitor-integration',
  region: 'us-east-1',
  endpointName: 'churn-endpoint',
  scheduleName: 'churn-data-quality-hourly',
  outputS3Uri: 's3://model-monitor-integration/reports',
  scheduledTime: new Date('2026-01-01T10:00:00Z'),
  executionLabel: '2026-01-01 10:00 UTC',
  /** Capture root of the endpoint; the harness writes one file there in the current hour, its 2nd line malformed. */
  captureS3Uri: 's3://model-monitor-integration/capture',
  capturedInferenceIds: ['churn-inference-1', 'churn-inference-2'],
  /**
   * Clean capture of the endpoint this many hours ago (the cookbook run's four records), and that run's
   * baseline in S3: a this-machine analysis beside the managed schedule's execution, for the charts.
   */
  cleanCaptureHoursAgo: 4,
  churnBaselineUri: 's3://model-monitor-integration/cookbook-baseline',
  /** A baseline dataset in S3 (CSV with a header): the harness uploads it. */
  datasetS3Uri: 's3://model-monitor-integration/datasets/churn-train.csv',
  datasetCsv: 'account_length,day_mins,state\n128,265.1,KS\n107,161.6,OH\n137,243.4,NJ\n84,299.4,OH\n',
  /** Endpoint transitions (Updating → InService) take this long on the emulated account. */
  transitionMs: 1_000,
  /** A bias monitor of the same endpoint (SageMaker Clarify): listed read-only, with its execution. */
  biasScheduleName: 'churn-bias-hourly',
  /** A second endpoint with one monitor, for the schedule actions and Delete Endpoint. */
  cleanupEndpointName: 'fraud-endpoint',
  cleanupScheduleName: 'fraud-data-quality-hourly',
  /**
   * An endpoint with data capture (the abalone demo's last two hours of traffic, in S3) and no
   * monitor, for Analyze Locally and monitors that run on this machine.
   */
  captureOnlyEndpointName: 'abalone-xgb-demo',
  /** A monitor name SageMaker refuses to create: the account is not admitted to Model Monitor. */
  refusedMonitorName: 'abalone-refused-data-quality',
  /** Refused the same way, for the schedule wizard (its job definition has the schedule's name). */
  refusedWizardMonitorName: 'abalone-refused-wizard',
} as const;
