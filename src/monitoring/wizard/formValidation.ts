/**
 * Every rule the schedule wizard checks as the user types, so that SageMaker never has to refuse the
 * requests: names, IAM role and KMS key ARNs, the cron forms Model Monitor accepts, the runtime limit
 * of each frequency, S3 locations, processing instance types, VPC ids, offsets and attributes. Each
 * rule returns the message shown beside its field, or undefined.
 */
import { parseIsoDuration, validateOffsets, validateScheduleExpression } from '../scheduleExpression';
import type { FieldId, MonitorForm } from './monitorForm';
import { FIELD_LABELS, FIELD_STEP, STEP_TITLES, fieldUsed } from './monitorForm';
import { scheduleExpressionOf } from './scheduleChoice';

export const NAME_RULE = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export function validateResourceName(name: string, what: string): string | undefined {
  if (name.trim() === '') return `Give the ${what} a name.`;
  if (name.length > 63) return `${name.length} characters; SageMaker allows 63.`;
  if (!NAME_RULE.test(name)) return 'Use letters, digits and hyphens, starting and ending with a letter or digit (no underscores, dots or spaces).';
  return undefined;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/([\w+=,.@\-/]+)$/;

export function validateRoleArn(arn: string): string | undefined {
  const text = arn.trim();
  if (text === '') return 'SageMaker runs the job as an IAM role: give its ARN, e.g. arn:aws:iam::123456789012:role/ModelMonitorRole.';
  if (text !== arn) return 'Remove the spaces around the ARN.';
  if (/^arn:aws[a-z-]*:iam::\d{12}:user\//.test(text)) return 'This is a user ARN; SageMaker needs a role it can assume (arn:aws:iam::<account>:role/<name>).';
  if (/^arn:aws[a-z-]*:sts::/.test(text)) return 'This is an assumed-role session ARN; give the role itself (arn:aws:iam::<account>:role/<name>).';
  const m = ROLE_ARN.exec(text);
  if (!m) return 'Not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>.';
  if (text.length > 2048) return 'An IAM role ARN has at most 2048 characters.';
  if (m[2].split('/').pop() === '') return 'The ARN ends with "/": add the role name.';
  return undefined;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** An `s3://bucket[/key]` location SageMaker accepts (bucket naming rules included). */
export function validateS3Uri(uri: string, options: { required?: boolean; what?: string } = {}): string | undefined {
  const text = uri.trim();
  if (text === '') return options.required === false ? undefined : `Give the ${options.what ?? 'S3 location'} (s3://bucket/prefix).`;
  if (text !== uri) return 'Remove the spaces around the location.';
  if (/^https?:\/\//.test(text)) return 'Give the location as s3://bucket/prefix, not an https:// URL.';
  const m = /^s3:\/\/([^/]*)(\/.*)?$/.exec(text);
  if (!m) return 'Not an S3 URI: expected s3://bucket/prefix.';
  const bucket = m[1];
  if (!BUCKET.test(bucket) || bucket.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    return `"${bucket}" is not a valid bucket name: 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.`;
  }
  if (/\/\//.test(m[2] ?? '')) return 'The key has an empty folder ("//").';
  if (text.length > 512) return 'SageMaker accepts S3 URIs of at most 512 characters.';
  return undefined;
}

/** A processing instance type, e.g. ml.m5.xlarge (the API's enum is long; its shape is checked). */
export const INSTANCE_TYPES = [
  'ml.t3.medium',
  'ml.t3.large',
  'ml.t3.xlarge',
  'ml.t3.2xlarge',
  'ml.m5.large',
  'ml.m5.xlarge',
  'ml.m5.2xlarge',
  'ml.m5.4xlarge',
  'ml.m5.12xlarge',
  'ml.m5.24xlarge',
  'ml.c5.xlarge',
  'ml.c5.2xlarge',
  'ml.c5.4xlarge',
  'ml.c5.9xlarge',
  'ml.c5.18xlarge',
  'ml.r5.large',
  'ml.r5.xlarge',
  'ml.r5.2xlarge',
  'ml.r5.4xlarge',
  'ml.r5.12xlarge',
  'ml.r5.24xlarge',
  'ml.g4dn.xlarge',
  'ml.g4dn.2xlarge',
] as const;

const INSTANCE_TYPE = /^ml\.[a-z][a-z0-9]*(-[a-z0-9]+)?\.(medium|large|xlarge|[1-9]\d*xlarge)$/;

export function validateInstanceType(type: string): string | undefined {
  const text = type.trim();
  if (text === '') return 'Choose the instance type the job runs on, e.g. ml.m5.xlarge.';
  if (/^[a-z][a-z0-9]*\.(medium|large|xlarge|\d+xlarge)$/.test(text)) return `Processing instance types start with "ml.": ml.${text}.`;
  if (!INSTANCE_TYPE.test(text)) return 'Not a SageMaker instance type: expected ml.<family>.<size>, e.g. ml.m5.xlarge.';
  return undefined;
}

/** A whole number in [min, max] typed as text. */
export function validateInteger(text: string, min: number, max: number, what: string): string | undefined {
  if (text.trim() === '') return `Give the ${what}.`;
  if (!/^\d+$/.test(text.trim())) return `The ${what} is a whole number ${min}–${max}.`;
  const n = Number(text);
  if (n < min || n > max) return `The ${what} must be ${min}–${max}, got ${n}.`;
  return undefined;
}

/** The longest run SageMaker allows for a frequency and monitoring type (spec §6.3). */
export function maxRuntimeLimit(form: MonitorForm): { seconds: number; why: string } {
  const expr = scheduleExpressionOf(form);
  const hours = expr === undefined || expr === 'NOW' ? undefined : everyHoursOf(expr);
  if (hours === 1) {
    return form.type === 'ModelQuality'
      ? { seconds: 1800, why: 'an hourly model-quality job may run at most 1800 seconds' }
      : { seconds: 3600, why: 'an hourly data-quality job may run at most 3600 seconds' };
  }
  if (hours !== undefined && hours < 24) return { seconds: hours * 3600, why: `a job every ${hours} hours may not run longer than its interval (${hours * 3600} seconds)` };
  return { seconds: 86_400, why: 'SageMaker stops monitoring jobs after at most 86400 seconds (24 hours)' };
}

/** The shortest gap between runs of a valid cron expression, in hours. */
function everyHoursOf(expr: string): number | undefined {
  const m = /^cron\(0{1,2} (\S+) \? \* \* \*\)$/.exec(expr.trim().replace(/\s+/g, ' '));
  if (!m) return undefined;
  if (m[1] === '*') return 1;
  const every = /^\d{1,2}\/(\d{1,2})$/.exec(m[1]);
  if (every) {
    const step = Number(every[1]);
    const start = Number(m[1].split('/')[0]);
    // One firing a day when the step leaves no second run before midnight.
    return start + step > 23 ? 24 : step;
  }
  return 24;
}

export function validateMaxRuntime(form: MonitorForm): string | undefined {
  const basic = validateInteger(form.maxRuntimeInSeconds, 1, 86_400, 'max runtime in seconds');
  if (basic) return basic;
  const limit = maxRuntimeLimit(form);
  const n = Number(form.maxRuntimeInSeconds);
  if (n > limit.seconds) return `At most ${limit.seconds}: ${limit.why}.`;
  return undefined;
}

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
const ALIAS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:alias\/[a-zA-Z0-9/_-]{1,250}$/;

/** Optional: a KMS key id, key ARN, alias name or alias ARN. */
export function validateKmsKey(key: string): string | undefined {
  const text = key.trim();
  if (text === '') return undefined;
  if (text !== key) return 'Remove the spaces around the key.';
  if (KEY_ID.test(text) || KEY_ARN.test(text) || ALIAS_ARN.test(text)) return undefined;
  if (ALIAS.test(text)) return undefined;
  return 'Not a KMS key: give a key id (1234abcd-12ab-34cd-56ef-1234567890ab), a key ARN, alias/<name> or an alias ARN.';
}

/** Ids typed as a list: split on commas and white space. */
export function splitIds(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function validateIds(text: string, prefix: 'subnet' | 'sg', max: number, what: string): string | undefined {
  const ids = splitIds(text);
  const pattern = new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`);
  const bad = ids.find((id) => !pattern.test(id));
  if (bad) return `"${bad}" is not a ${what} id (${prefix}- and 8 or 17 hexadecimal digits).`;
  if (ids.length > max) return `At most ${max} ${what}s, got ${ids.length}.`;
  if (new Set(ids).size !== ids.length) return `A ${what} is listed twice.`;
  return undefined;
}

export function validateSubnets(form: MonitorForm): string | undefined {
  const problem = validateIds(form.subnets, 'subnet', 16, 'subnet');
  if (problem) return problem;
  if (splitIds(form.subnets).length === 0 && splitIds(form.securityGroupIds).length > 0) return 'A VPC configuration needs subnets as well as security groups.';
  return undefined;
}

export function validateSecurityGroups(form: MonitorForm): string | undefined {
  const problem = validateIds(form.securityGroupIds, 'sg', 5, 'security group');
  if (problem) return problem;
  if (splitIds(form.securityGroupIds).length === 0 && splitIds(form.subnets).length > 0) return 'A VPC configuration needs security groups as well as subnets.';
  return undefined;
}

/** An optional negative ISO-8601 offset of the job definition's input window (model quality). */
function validateOffset(text: string, field: 'Start' | 'End'): string | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (value.length > 15) return 'At most 15 characters (e.g. -PT1H).';
  let ms: number;
  try {
    ms = parseIsoDuration(value);
  } catch (e) {
    return (e as Error).message;
  }
  if (ms > 0) return `${field} offsets are negative durations before the scheduled time, e.g. -PT1H.`;
  return undefined;
}

export function validateInputOffsets(form: MonitorForm): { startTimeOffset?: string; endTimeOffset?: string } {
  const start = validateOffset(form.startTimeOffset, 'Start');
  const end = validateOffset(form.endTimeOffset, 'End');
  if (start || end) return { startTimeOffset: start, endTimeOffset: end };
  const hasStart = form.startTimeOffset.trim() !== '';
  const hasEnd = form.endTimeOffset.trim() !== '';
  if (hasStart !== hasEnd) return hasStart ? { endTimeOffset: 'Give an end offset with the start offset (e.g. -PT0H).' } : { startTimeOffset: 'Give a start offset with the end offset (e.g. -PT1H).' };
  if (hasStart && parseIsoDuration(form.startTimeOffset) >= parseIsoDuration(form.endTimeOffset)) {
    return { startTimeOffset: `The start offset must be before the end offset (${form.endTimeOffset.trim()}).` };
  }
  return {};
}

function validateAttribute(text: string, what: string, required: boolean): string | undefined {
  if (text.trim() === '') return required ? `Give the ${what}: "0" is the first column of a CSV response, or a JSON path.` : undefined;
  if (text !== text.trim()) return 'Remove the spaces around the attribute.';
  if (text.length > 256) return 'At most 256 characters.';
  return undefined;
}

function validateThreshold(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  if (!/^(0|1|0?\.\d+|1\.0*)$/.test(text.trim())) return 'A probability threshold is a number from 0 to 1, e.g. 0.5.';
  return undefined;
}

/** A dataset column: a header name when the CSV has one, else a 0-based index (CSV) or a field (JSON Lines). */
function validateColumn(form: MonitorForm, text: string, what: string, required: boolean, columns: readonly string[] | undefined): string | undefined {
  const value = text.trim();
  if (value === '') return required ? `Choose the dataset's ${what} column.` : undefined;
  if (form.datasetFormat === 'csvNoHeader') {
    if (!/^\d+$/.test(value)) return 'A CSV without a header names columns by 0-based index, e.g. 0.';
    if (columns && Number(value) >= columns.length) return `The dataset has ${columns.length} columns (0–${columns.length - 1}).`;
    return undefined;
  }
  if (form.datasetFormat === 'csvHeader' && columns && !columns.includes(value)) return `The dataset's header has no column "${value}"; it has ${columns.join(', ')}.`;
  return undefined;
}

/** A dataset: an S3 URI, or an absolute path of a file on this machine. */
export function validateDatasetLocation(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return 'Choose the dataset to baseline: an S3 URI or a file on this machine.';
  if (value.startsWith('s3://')) return validateS3Uri(text, { what: 'dataset' });
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value)) return 'Give an s3:// URI or the absolute path of a local file (use Browse…).';
  return undefined;
}

function validateScript(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const problem = validateS3Uri(text, { what: 'script location' });
  if (problem) return problem;
  if (!/\.py$/.test(text.trim())) return 'The analyzer runs Python scripts: give the .py file, not a folder.';
  return undefined;
}

export interface ValidationContext {
  /** The baseline dataset's columns, once read (CSV header names, or as many indices as columns). */
  datasetColumns?: readonly string[];
  /** Names already taken by schedules of this connection. */
  existingScheduleNames?: readonly string[];
}

export type FieldErrors = Partial<Record<FieldId, string>>;

/** The message of every field in use that is wrong. */
export function validateForm(form: MonitorForm, ctx: ValidationContext = {}): FieldErrors {
  const errors: FieldErrors = {};
  const set = (field: FieldId, message: string | undefined): void => {
    if (message && fieldUsed(form, field)) errors[field] = message;
  };
  const mq = form.type === 'ModelQuality';
  set('endpointName', form.endpointName.trim() === '' ? 'Choose the endpoint to monitor.' : undefined);
  set(
    'scheduleName',
    validateResourceName(form.scheduleName, 'monitor') ??
      (ctx.existingScheduleNames?.includes(form.scheduleName) ? `A monitoring schedule named ${form.scheduleName} already exists.` : undefined),
  );
  set('roleArn', validateRoleArn(form.roleArn));
  set('startHour', validateInteger(form.startHour, 0, 23, 'hour (UTC)'));
  set('everyHours', validateInteger(form.everyHours, 1, 24, 'interval in hours'));
  if (form.frequency === 'cron') set('cronExpression', form.cronExpression.trim() === '' ? 'Type a cron expression, e.g. cron(0 * ? * * *).' : validateScheduleExpression(form.cronExpression));
  if (form.frequency === 'now') {
    const problem = validateOffsets('NOW', form.analysisStart.trim(), form.analysisEnd.trim());
    // The message names the field it is about first.
    if (problem) set(problem.startsWith('DataAnalysisEndTime') ? 'analysisEnd' : 'analysisStart', problem);
  }
  set('maxRuntimeInSeconds', validateMaxRuntime(form));
  set('instanceType', validateInstanceType(form.instanceType));
  set('instanceCount', validateInteger(form.instanceCount, 1, 100, 'instance count'));
  set('volumeSizeInGB', validateInteger(form.volumeSizeInGB, 1, 16_384, 'volume size in GB'));
  set('outputS3Uri', validateS3Uri(form.outputS3Uri, { what: 'output location for the reports' }));
  set('outputKmsKeyId', validateKmsKey(form.outputKmsKeyId));
  set('volumeKmsKeyId', validateKmsKey(form.volumeKmsKeyId));
  set('subnets', validateSubnets(form));
  set('securityGroupIds', validateSecurityGroups(form));
  if (mq) {
    set('inferenceAttribute', validateAttribute(form.inferenceAttribute, 'inference attribute (where the prediction is in the response)', true));
    set('probabilityAttribute', validateAttribute(form.probabilityAttribute, 'probability attribute', false));
    set('probabilityThreshold', validateThreshold(form.probabilityThreshold));
    set('groundTruthS3Uri', validateS3Uri(form.groundTruthS3Uri, { what: 'ground truth location' }));
    const offsets = validateInputOffsets(form);
    set('startTimeOffset', offsets.startTimeOffset);
    set('endTimeOffset', offsets.endTimeOffset);
  }
  set('datasetLocation', validateDatasetLocation(form.datasetLocation));
  set('baselineJobName', validateResourceName(form.baselineJobName, 'baseline job'));
  set('baselineOutputS3Uri', validateS3Uri(form.baselineOutputS3Uri, { what: 'baseline output location' }));
  set('statisticsS3Uri', validateS3Uri(form.statisticsS3Uri, { what: 'baseline statistics.json' }));
  set('constraintsS3Uri', validateS3Uri(form.constraintsS3Uri, { what: 'baseline constraints.json' }));
  if (mq) {
    set('datasetPredictionColumn', validateColumn(form, form.datasetPredictionColumn, 'prediction', true, ctx.datasetColumns));
    set('datasetProbabilityColumn', validateColumn(form, form.datasetProbabilityColumn, 'probability', false, ctx.datasetColumns));
    set('datasetLabelColumn', validateColumn(form, form.datasetLabelColumn, 'label', true, ctx.datasetColumns));
    if (!errors.datasetLabelColumn && form.datasetLabelColumn.trim() !== '' && form.datasetLabelColumn.trim() === form.datasetPredictionColumn.trim()) {
      set('datasetLabelColumn', 'The label column must differ from the prediction column.');
    }
  }
  set('recordPreprocessorSourceUri', validateScript(form.recordPreprocessorSourceUri));
  set('postAnalyticsProcessorSourceUri', validateScript(form.postAnalyticsProcessorSourceUri));
  return errors;
}

/** What still blocks *Create*, one line per field, in the wizard's step order. */
export function blockers(errors: FieldErrors): string[] {
  return (Object.entries(errors) as [FieldId, string][])
    .sort(([a], [b]) => stepIndex(a) - stepIndex(b))
    .map(([field, message]) => `${STEP_TITLES[FIELD_STEP[field]]} › ${FIELD_LABELS[field]}: ${message}`);
}

const ORDER = ['schedule', 'job', 'baseline', 'additional', 'review'];
const stepIndex = (field: FieldId): number => ORDER.indexOf(FIELD_STEP[field]);
