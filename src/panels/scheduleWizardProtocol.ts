/**
 * Messages between the schedule wizard webview and the extension, and the webview's saved state. Both
 * sides import these types and check every message on arrival: a webview is an untrusted boundary, and
 * a saved state may come from an older version.
 */
import type { CreationStep } from '../monitoring/wizard/createMonitor';
import { DATASET_FORMATS, MONITOR_FORM_FIELDS, WIZARD_STEPS, type MonitorForm, type WizardStep } from '../monitoring/wizard/monitorForm';

/** What the extension knows that the form offers or checks against. */
export interface WizardContext {
  connectionId: string;
  connectionLabel: string;
  /** The analyzer image of an AWS connection's region ('' for local). */
  imageUri: string;
  /** Endpoints of the connection, to choose from. */
  endpoints: string[];
  /** Roles of the account's other job definitions. */
  roles: string[];
  existingScheduleNames: string[];
}

export type WizardToWebview =
  | { type: 'init'; form: MonitorForm; context: WizardContext; step: WizardStep }
  | { type: 'columns'; location: string; columns?: string[]; error?: string }
  | { type: 'datasetPicked'; path: string }
  | { type: 'progress'; step: CreationStep; message: string }
  /** `offer`: SageMaker refused the account (closed to new customers), so the webview offers this machine with the same form. */
  | { type: 'failed'; step?: CreationStep; message: string; offer?: 'thisMachine' }
  | { type: 'created'; scheduleName: string; message: string };

export type WizardFromWebview =
  | { type: 'ready' }
  | { type: 'readColumns'; location: string; format: MonitorForm['datasetFormat'] }
  | { type: 'browseDataset' }
  | { type: 'create'; form: MonitorForm };

/** What the webview keeps with setState, and the serializer gets back after a reload. */
export interface WizardState {
  connectionId: string;
  form: MonitorForm;
  step: WizardStep;
}

const CREATION_STEPS: readonly CreationStep[] = ['upload', 'baseline', 'jobDefinition', 'schedule'];
const MAX_TEXT = 4096;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 10_000 && v.every(isText);
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

/** A complete form with every field of the right type and choice, copied field by field (nothing extra kept). */
export function parseMonitorForm(v: unknown): MonitorForm | undefined {
  if (!isRecord(v)) return undefined;
  const form: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(MONITOR_FORM_FIELDS) as [keyof MonitorForm, 'text' | 'boolean' | readonly string[]][]) {
    const value = v[field];
    const fits = kind === 'text' ? isText(value) : kind === 'boolean' ? typeof value === 'boolean' : oneOf(kind, value);
    if (!fits) return undefined;
    form[field] = value;
  }
  return form as unknown as MonitorForm;
}

export function parseWizardState(v: unknown): WizardState | undefined {
  if (!isRecord(v) || !isText(v.connectionId) || !oneOf(WIZARD_STEPS, v.step)) return undefined;
  const form = parseMonitorForm(v.form);
  return form ? { connectionId: v.connectionId, form, step: v.step } : undefined;
}

export function parseWizardFromWebview(m: unknown): WizardFromWebview | undefined {
  if (!isRecord(m)) return undefined;
  switch (m.type) {
    case 'ready':
    case 'browseDataset':
      return { type: m.type };
    case 'readColumns':
      return isText(m.location) && oneOf(DATASET_FORMATS, m.format) ? { type: 'readColumns', location: m.location, format: m.format } : undefined;
    case 'create': {
      const form = parseMonitorForm(m.form);
      return form ? { type: 'create', form } : undefined;
    }
    default:
      return undefined;
  }
}

function parseContext(v: unknown): WizardContext | undefined {
  if (!isRecord(v)) return undefined;
  if (!isText(v.connectionId) || !isText(v.connectionLabel) || !isText(v.imageUri)) return undefined;
  if (!isTextList(v.endpoints) || !isTextList(v.roles) || !isTextList(v.existingScheduleNames)) return undefined;
  return {
    connectionId: v.connectionId,
    connectionLabel: v.connectionLabel,
    imageUri: v.imageUri,
    endpoints: v.endpoints,
    roles: v.roles,
    existingScheduleNames: v.existingScheduleNames,
  };
}

export function parseWizardToWebview(m: unknown): WizardToWebview | undefined {
  if (!isRecord(m)) return undefined;
  switch (m.type) {
    case 'init': {
      const form = parseMonitorForm(m.form);
      const context = parseContext(m.context);
      return form && context && oneOf(WIZARD_STEPS, m.step) ? { type: 'init', form, context, step: m.step } : undefined;
    }
    case 'columns':
      if (!isText(m.location) || (m.columns !== undefined && !isTextList(m.columns)) || (m.error !== undefined && !isText(m.error))) return undefined;
      return { type: 'columns', location: m.location, ...(m.columns ? { columns: m.columns } : {}), ...(m.error !== undefined ? { error: m.error } : {}) };
    case 'datasetPicked':
      return isText(m.path) ? { type: 'datasetPicked', path: m.path } : undefined;
    case 'progress':
      return oneOf(CREATION_STEPS, m.step) && isText(m.message) ? { type: 'progress', step: m.step, message: m.message } : undefined;
    case 'failed':
      if (!isText(m.message) || (m.step !== undefined && !oneOf(CREATION_STEPS, m.step)) || (m.offer !== undefined && m.offer !== 'thisMachine')) return undefined;
      return { type: 'failed', message: m.message, ...(m.step ? { step: m.step } : {}), ...(m.offer ? { offer: m.offer } : {}) };
    case 'created':
      return isText(m.scheduleName) && isText(m.message) ? { type: 'created', scheduleName: m.scheduleName, message: m.message } : undefined;
    default:
      return undefined;
  }
}
