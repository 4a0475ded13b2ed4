/**
 * What the data-capture and capture-browsing prompts accept, as pure functions so the input boxes can
 * check each keystroke (`InputBox.validateInput`) and the tests can check the rules. Each validator
 * returns the message to show, or undefined when the text is acceptable. The rules are SageMaker's
 * (`DataCaptureConfig`), so a value accepted here is not refused by the API a moment later.
 */
import type { CaptureMode, DataCaptureConfig } from '../monitoring/model';

/** `InitialSamplingPercentage`: a whole number 0–100. */
export function validateSamplingPercentage(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the percentage of requests to capture: a whole number from 0 to 100.';
  if (!/^\d+$/.test(trimmed)) return `"${trimmed}" is not a whole number: enter 0 to 100 (no % sign, no decimals).`;
  const value = Number(trimmed);
  if (value > 100) return `${value} is more than 100: enter 0 to 100.`;
  return undefined;
}

export function parseSamplingPercentage(text: string): number {
  const problem = validateSamplingPercentage(text);
  if (problem) throw new Error(problem);
  return Number(text.trim());
}

/** S3 bucket naming rules (general purpose buckets): 3–63 lowercase letters, digits, dots and hyphens. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** `DestinationS3Uri`: `s3://bucket[/prefix]`, at most 512 characters. */
export function validateS3Uri(text: string): string | undefined {
  const uri = text.trim();
  if (uri === '') return 'Enter an S3 URI such as s3://my-bucket/datacapture.';
  if (!uri.startsWith('s3://')) return `"${uri}" does not start with s3:// (for example s3://my-bucket/datacapture).`;
  if (uri.length > 512) return `The URI is ${uri.length} characters long; SageMaker accepts at most 512.`;
  const bucket = uri.slice('s3://'.length).split('/')[0];
  if (bucket === '') return 'The bucket name is missing after s3://.';
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    return `"${bucket}" is not a valid bucket name: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.`;
  }
  if (/\s/.test(uri)) return 'The URI contains white space.';
  return undefined;
}

const CONTENT_TYPE = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*$/;

/** Comma-separated content types (`CaptureContentTypeHeader`); empty means SageMaker's defaults. */
export function validateContentTypes(text: string): string | undefined {
  const types = parseContentTypes(text);
  if (types.length > 10) return `${types.length} content types given; SageMaker accepts at most 10.`;
  const bad = types.find((t) => !CONTENT_TYPE.test(t));
  return bad === undefined ? undefined : `"${bad}" is not a content type such as text/csv or application/json.`;
}

export function parseContentTypes(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** What the user chose in the prompts, turned into the config the backend writes. */
export interface CaptureChoices {
  samplingPercentage: number;
  destinationS3Uri: string;
  captureModes: CaptureMode[];
  csvContentTypes?: string[];
  jsonContentTypes?: string[];
}

export function captureConfigOf(choices: CaptureChoices, current?: DataCaptureConfig): DataCaptureConfig {
  return {
    ...(current?.kmsKeyId ? { kmsKeyId: current.kmsKeyId } : {}),
    enableCapture: true,
    initialSamplingPercentage: choices.samplingPercentage,
    destinationS3Uri: choices.destinationS3Uri.trim(),
    captureModes: choices.captureModes,
    ...(choices.csvContentTypes && choices.csvContentTypes.length > 0 ? { csvContentTypes: choices.csvContentTypes } : {}),
    ...(choices.jsonContentTypes && choices.jsonContentTypes.length > 0 ? { jsonContentTypes: choices.jsonContentTypes } : {}),
  };
}

/** Checks a whole set of choices at once (commands run from a test or a script skip the prompts). */
export function validateCaptureChoices(choices: CaptureChoices): string | undefined {
  return (
    validateSamplingPercentage(String(choices.samplingPercentage)) ??
    validateS3Uri(choices.destinationS3Uri) ??
    (choices.captureModes.length === 0 ? 'Choose what to capture: requests, responses or both.' : undefined) ??
    validateContentTypes((choices.csvContentTypes ?? []).join(',')) ??
    validateContentTypes((choices.jsonContentTypes ?? []).join(','))
  );
}
