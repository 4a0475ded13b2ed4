/**
 * The schedule wizard's form: every choice Studio's four pages offer (schedule, job, baseline,
 * additional configuration), as the user typed it. Text fields stay strings so that nothing typed is
 * lost or reformatted, whatever its validity; the request builder turns a valid form into requests.
 * Where the monitor runs is one field (`runsOn`), so a new place to run it is one more value.
 */
import type { ProblemType } from '../model';

export type WizardMonitorType = 'DataQuality' | 'ModelQuality';
/** The connection the monitor is created in. */
export type WizardTarget = 'aws' | 'local';
/** Where an AWS monitor's analysis runs: SageMaker processing jobs (managed), or this machine. */
export type RunsOn = 'managed' | 'thisMachine';
export type Frequency = 'hourly' | 'daily' | 'everyNHours' | 'cron' | 'now';
export type BaselineSource = 'compute' | 'existing';
export type DatasetFormat = 'csvHeader' | 'csvNoHeader' | 'jsonLines';
export type WizardStep = 'schedule' | 'job' | 'baseline' | 'additional' | 'review';

export const WIZARD_STEPS: readonly WizardStep[] = ['schedule', 'job', 'baseline', 'additional', 'review'];
export const STEP_TITLES: Record<WizardStep, string> = {
  schedule: 'Schedule',
  job: 'Job configuration',
  baseline: 'Baseline',
  additional: 'Additional configuration',
  review: 'Review and create',
};
export const FREQUENCIES: readonly Frequency[] = ['hourly', 'daily', 'everyNHours', 'cron', 'now'];
export const DATASET_FORMATS: readonly DatasetFormat[] = ['csvHeader', 'csvNoHeader', 'jsonLines'];
export const PROBLEM_TYPES: readonly ProblemType[] = ['Regression', 'BinaryClassification', 'MulticlassClassification'];
export const RUNS_ON: readonly RunsOn[] = ['managed', 'thisMachine'];

export interface MonitorForm {
  type: WizardMonitorType;
  target: WizardTarget;
  runsOn: RunsOn;
  /** The monitored endpoint (fixed when opened from the tree, chosen otherwise). */
  endpointName: string;

  // Schedule
  scheduleName: string;
  roleArn: string;
  frequency: Frequency;
  /** Daily: the UTC hour; every N hours: the starting hour. */
  startHour: string;
  everyHours: string;
  cronExpression: string;
  /** A one-time run (`NOW`): the analysis window, ISO-8601 durations before the run. */
  analysisStart: string;
  analysisEnd: string;
  maxRuntimeInSeconds: string;
  publishCloudWatchMetrics: boolean;

  // Job configuration
  instanceType: string;
  instanceCount: string;
  volumeSizeInGB: string;
  outputS3Uri: string;
  outputKmsKeyId: string;
  volumeKmsKeyId: string;
  enableNetworkIsolation: boolean;
  enableInterContainerTrafficEncryption: boolean;
  /** Comma- or space-separated ids. */
  subnets: string;
  securityGroupIds: string;
  /** Model quality. */
  problemType: ProblemType;
  inferenceAttribute: string;
  probabilityAttribute: string;
  probabilityThreshold: string;
  groundTruthS3Uri: string;
  startTimeOffset: string;
  endTimeOffset: string;

  // Baseline
  baselineSource: BaselineSource;
  /** An S3 URI, or a file on this machine (uploaded next to the baseline's output for AWS). */
  datasetLocation: string;
  datasetFormat: DatasetFormat;
  baselineJobName: string;
  baselineOutputS3Uri: string;
  statisticsS3Uri: string;
  constraintsS3Uri: string;
  /** Model quality: the dataset's columns. */
  datasetPredictionColumn: string;
  datasetProbabilityColumn: string;
  datasetLabelColumn: string;

  // Additional configuration
  recordPreprocessorSourceUri: string;
  postAnalyticsProcessorSourceUri: string;
}

/** How a form field is checked: one of its choices, free text, or a switch. */
type FieldKind<V> = [V] extends [boolean] ? 'boolean' : [string] extends [V] ? 'text' : readonly V[];

/**
 * Every field of the form and its kind, the one declaration the wizard's protocol checks a form
 * against on both sides (`parseMonitorForm`); a field added to MonitorForm must be added here.
 */
export const MONITOR_FORM_FIELDS: { readonly [K in keyof MonitorForm]-?: FieldKind<MonitorForm[K]> } = {
  type: ['DataQuality', 'ModelQuality'],
  target: ['aws', 'local'],
  runsOn: RUNS_ON,
  endpointName: 'text',
  scheduleName: 'text',
  roleArn: 'text',
  frequency: FREQUENCIES,
  startHour: 'text',
  everyHours: 'text',
  cronExpression: 'text',
  analysisStart: 'text',
  analysisEnd: 'text',
  maxRuntimeInSeconds: 'text',
  publishCloudWatchMetrics: 'boolean',
  instanceType: 'text',
  instanceCount: 'text',
  volumeSizeInGB: 'text',
  outputS3Uri: 'text',
  outputKmsKeyId: 'text',
  volumeKmsKeyId: 'text',
  enableNetworkIsolation: 'boolean',
  enableInterContainerTrafficEncryption: 'boolean',
  subnets: 'text',
  securityGroupIds: 'text',
  problemType: PROBLEM_TYPES,
  inferenceAttribute: 'text',
  probabilityAttribute: 'text',
  probabilityThreshold: 'text',
  groundTruthS3Uri: 'text',
  startTimeOffset: 'text',
  endTimeOffset: 'text',
  baselineSource: ['compute', 'existing'],
  datasetLocation: 'text',
  datasetFormat: DATASET_FORMATS,
  baselineJobName: 'text',
  baselineOutputS3Uri: 'text',
  statisticsS3Uri: 'text',
  constraintsS3Uri: 'text',
  datasetPredictionColumn: 'text',
  datasetProbabilityColumn: 'text',
  datasetLabelColumn: 'text',
  recordPreprocessorSourceUri: 'text',
  postAnalyticsProcessorSourceUri: 'text',
};

export type FieldId = Exclude<keyof MonitorForm, 'type' | 'target'>;

/** Which step shows each field (for "Create is blocked by …" and for focusing a field). */
export const FIELD_STEP: Record<FieldId, WizardStep> = {
  runsOn: 'schedule',
  endpointName: 'schedule',
  scheduleName: 'schedule',
  roleArn: 'schedule',
  frequency: 'schedule',
  startHour: 'schedule',
  everyHours: 'schedule',
  cronExpression: 'schedule',
  analysisStart: 'schedule',
  analysisEnd: 'schedule',
  maxRuntimeInSeconds: 'schedule',
  publishCloudWatchMetrics: 'schedule',
  instanceType: 'job',
  instanceCount: 'job',
  volumeSizeInGB: 'job',
  outputS3Uri: 'job',
  outputKmsKeyId: 'job',
  volumeKmsKeyId: 'job',
  enableNetworkIsolation: 'job',
  enableInterContainerTrafficEncryption: 'job',
  subnets: 'job',
  securityGroupIds: 'job',
  problemType: 'job',
  inferenceAttribute: 'job',
  probabilityAttribute: 'job',
  probabilityThreshold: 'job',
  groundTruthS3Uri: 'job',
  startTimeOffset: 'job',
  endTimeOffset: 'job',
  baselineSource: 'baseline',
  datasetLocation: 'baseline',
  datasetFormat: 'baseline',
  baselineJobName: 'baseline',
  baselineOutputS3Uri: 'baseline',
  statisticsS3Uri: 'baseline',
  constraintsS3Uri: 'baseline',
  datasetPredictionColumn: 'baseline',
  datasetProbabilityColumn: 'baseline',
  datasetLabelColumn: 'baseline',
  recordPreprocessorSourceUri: 'additional',
  postAnalyticsProcessorSourceUri: 'additional',
};

export const FIELD_LABELS: Record<FieldId, string> = {
  runsOn: 'Where it runs',
  endpointName: 'Endpoint',
  scheduleName: 'Monitor name',
  roleArn: 'IAM role ARN',
  frequency: 'Frequency',
  startHour: 'Hour (UTC)',
  everyHours: 'Every N hours',
  cronExpression: 'Cron expression',
  analysisStart: 'Analysis window start',
  analysisEnd: 'Analysis window end',
  maxRuntimeInSeconds: 'Max runtime (seconds)',
  publishCloudWatchMetrics: 'Publish CloudWatch metrics',
  instanceType: 'Instance type',
  instanceCount: 'Instance count',
  volumeSizeInGB: 'Volume size (GB)',
  outputS3Uri: 'Output S3 location',
  outputKmsKeyId: 'Output KMS key',
  volumeKmsKeyId: 'Volume KMS key',
  enableNetworkIsolation: 'Network isolation',
  enableInterContainerTrafficEncryption: 'Inter-container traffic encryption',
  subnets: 'VPC subnets',
  securityGroupIds: 'VPC security groups',
  problemType: 'Problem type',
  inferenceAttribute: 'Inference attribute',
  probabilityAttribute: 'Probability attribute',
  probabilityThreshold: 'Probability threshold',
  groundTruthS3Uri: 'Ground truth S3 location',
  startTimeOffset: 'Start time offset',
  endTimeOffset: 'End time offset',
  baselineSource: 'Baseline',
  datasetLocation: 'Baseline dataset',
  datasetFormat: 'Dataset format',
  baselineJobName: 'Baseline job name',
  baselineOutputS3Uri: 'Baseline output S3 location',
  statisticsS3Uri: 'Statistics (statistics.json)',
  constraintsS3Uri: 'Constraints (constraints.json)',
  datasetPredictionColumn: 'Prediction column',
  datasetProbabilityColumn: 'Probability column',
  datasetLabelColumn: 'Label (ground truth) column',
  recordPreprocessorSourceUri: 'Record preprocessor script',
  postAnalyticsProcessorSourceUri: 'Post-analytics processor script',
};

/** Fields that only mean something for a SageMaker-managed job (IAM, instances, KMS, VPC). */
const AWS_MANAGED_ONLY: ReadonlySet<FieldId> = new Set<FieldId>([
  'roleArn',
  'instanceType',
  'instanceCount',
  'volumeSizeInGB',
  'outputKmsKeyId',
  'volumeKmsKeyId',
  'enableNetworkIsolation',
  'enableInterContainerTrafficEncryption',
  'subnets',
  'securityGroupIds',
  'publishCloudWatchMetrics',
  'postAnalyticsProcessorSourceUri',
]);

/**
 * Why a field does not apply to this form (shown beside it, disabled), or undefined when it applies.
 * Fields of the other monitoring type or frequency are not shown at all (see `fieldShown`).
 */
export function notApplicable(form: MonitorForm, field: FieldId): string | undefined {
  if (field === 'runsOn' && form.target === 'local') return 'Local workspaces run every monitor on this machine.';
  // Our analyzer runs SageMaker's record preprocessor over captured records for data quality.
  if (field === 'recordPreprocessorSourceUri' && (form.target === 'local' || form.runsOn === 'thisMachine') && form.type !== 'DataQuality') {
    return 'Not applicable: on this machine, a record preprocessor runs for data quality only.';
  }
  if (!AWS_MANAGED_ONLY.has(field)) return undefined;
  if (form.target === 'local') return 'Not applicable: a local workspace runs the analysis on this machine.';
  if (form.runsOn === 'thisMachine') return 'Not applicable: this machine runs the analysis.';
  return undefined;
}

const MODEL_QUALITY_ONLY: ReadonlySet<FieldId> = new Set<FieldId>([
  'problemType',
  'inferenceAttribute',
  'probabilityAttribute',
  'probabilityThreshold',
  'groundTruthS3Uri',
  'startTimeOffset',
  'endTimeOffset',
  'datasetPredictionColumn',
  'datasetProbabilityColumn',
  'datasetLabelColumn',
]);

/** Whether the field is on the form at all, given the type, frequency and baseline choices. */
export function fieldShown(form: MonitorForm, field: FieldId): boolean {
  if (MODEL_QUALITY_ONLY.has(field) && form.type !== 'ModelQuality') return false;
  if ((field === 'probabilityAttribute' || field === 'datasetProbabilityColumn') && form.problemType === 'Regression') return false;
  if (field === 'probabilityThreshold' && form.problemType !== 'BinaryClassification') return false;
  switch (field) {
    case 'startHour':
      return form.frequency === 'daily' || form.frequency === 'everyNHours';
    case 'everyHours':
      return form.frequency === 'everyNHours';
    case 'cronExpression':
      return form.frequency === 'cron';
    case 'analysisStart':
    case 'analysisEnd':
      return form.frequency === 'now';
    case 'datasetLocation':
    case 'datasetFormat':
    case 'baselineJobName':
    case 'baselineOutputS3Uri':
    case 'datasetPredictionColumn':
    case 'datasetProbabilityColumn':
    case 'datasetLabelColumn':
      return form.baselineSource === 'compute';
    case 'statisticsS3Uri':
      return form.baselineSource === 'existing' && form.type === 'DataQuality';
    case 'constraintsS3Uri':
      return form.baselineSource === 'existing';
    default:
      return true;
  }
}

/** A field the request builder reads: shown and applicable. */
export function fieldUsed(form: MonitorForm, field: FieldId): boolean {
  return fieldShown(form, field) && notApplicable(form, field) === undefined;
}

/** `yyyymmdd-HHMMSS` in UTC: default names are unique per second, as the SDK's are. */
export function nameStamp(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/**
 * The folder new outputs go under: the parent of the endpoint's capture destination, as the book's
 * chapter lays them out (`…/abalone/datacapture` → `…/abalone/data-quality-output/…`); none without capture.
 */
export function defaultPrefix(captureDestination: string | undefined): string | undefined {
  const m = /^s3:\/\/([^/]+)(\/.*)?$/.exec(captureDestination?.replace(/\/+$/, '') ?? '');
  if (!m) return undefined;
  return `s3://${m[1]}${(m[2] ?? '').replace(/\/[^/]*$/, '')}`;
}

export interface FormDefaultsContext {
  type: WizardMonitorType;
  target: WizardTarget;
  endpointName: string;
  /** The endpoint's capture destination, for output locations beside it. */
  captureDestination?: string;
  /** A role used by the account's other job definitions. */
  roleArn?: string;
  now: Date;
}

/** A new form with Studio's and the SDK's defaults filled in. */
export function defaultForm(ctx: FormDefaultsContext): MonitorForm {
  const stamp = nameStamp(ctx.now);
  const kind = ctx.type === 'DataQuality' ? 'data-quality' : 'model-quality';
  const endpointPart = ctx.endpointName ? `${ctx.endpointName.slice(0, 24).replace(/-+$/, '')}-` : '';
  const scheduleName = `${endpointPart}${kind}-${stamp}`;
  const prefix = defaultPrefix(ctx.captureDestination);
  const under = (path: string): string => (prefix ? `${prefix}/${path}` : '');
  return {
    type: ctx.type,
    target: ctx.target,
    runsOn: 'managed',
    endpointName: ctx.endpointName,
    scheduleName,
    roleArn: ctx.roleArn ?? '',
    frequency: 'hourly',
    startHour: '0',
    everyHours: '2',
    cronExpression: 'cron(0 * ? * * *)',
    analysisStart: '-PT1H',
    analysisEnd: '-PT0H',
    maxRuntimeInSeconds: ctx.type === 'ModelQuality' ? '1800' : '3600',
    publishCloudWatchMetrics: true,
    instanceType: 'ml.m5.xlarge',
    instanceCount: '1',
    volumeSizeInGB: '30',
    outputS3Uri: under(`${kind}-output/reports`),
    outputKmsKeyId: '',
    volumeKmsKeyId: '',
    enableNetworkIsolation: false,
    enableInterContainerTrafficEncryption: false,
    subnets: '',
    securityGroupIds: '',
    problemType: 'Regression',
    inferenceAttribute: '0',
    probabilityAttribute: '',
    probabilityThreshold: '0.5',
    groundTruthS3Uri: under('ground-truth-data'),
    startTimeOffset: '-PT1H',
    endTimeOffset: '-PT0H',
    baselineSource: 'compute',
    datasetLocation: '',
    datasetFormat: 'csvHeader',
    baselineJobName: `${endpointPart}${kind}-baseline-${stamp}`,
    baselineOutputS3Uri: under(`${kind}-output/baseline`),
    statisticsS3Uri: '',
    constraintsS3Uri: '',
    datasetPredictionColumn: '',
    datasetProbabilityColumn: '',
    datasetLabelColumn: '',
    recordPreprocessorSourceUri: '',
    postAnalyticsProcessorSourceUri: '',
  };
}
