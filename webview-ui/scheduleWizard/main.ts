/**
 * The schedule wizard webview: Studio's steps (schedule, job, baseline, additional configuration) and a
 * review of the exact requests. Built once with DOM APIs (values only ever as text or element
 * properties, never HTML), then updated in place as the user types, so focus and caret stay put.
 * Every change is saved with setState, so a hidden tab or a window reload gives back the same form.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { CREATION_STEP_TITLES, type CreationStep } from '../../src/monitoring/wizard/createMonitor';
import { INSTANCE_TYPES, blockers, maxRuntimeLimit, validateForm, type FieldErrors } from '../../src/monitoring/wizard/formValidation';
import {
  FIELD_LABELS,
  FIELD_STEP,
  STEP_TITLES,
  WIZARD_STEPS,
  fieldShown,
  notApplicable,
  type FieldId,
  type MonitorForm,
  type WizardStep,
} from '../../src/monitoring/wizard/monitorForm';
import { apiRequestsOf, planMonitor, uploadUriFor } from '../../src/monitoring/wizard/monitorRequests';
import { pythonSnippet } from '../../src/monitoring/wizard/pythonSnippet';
import { parseWizardState, parseWizardToWebview, type WizardContext, type WizardFromWebview, type WizardState } from '../../src/panels/scheduleWizardProtocol';
import { wizardStyles } from './styles';

declare function acquireVsCodeApi(): { postMessage(message: WizardFromWebview): void; getState(): unknown; setState(state: WizardState): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
const sheet = new CSSStyleSheet();
sheet.replaceSync(wizardStyles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

/** The properties of @vscode-elements controls the wizard uses. */
type ValueElement = HTMLElement & { value: string; disabled: boolean; invalid?: boolean };
type CheckElement = HTMLElement & { checked: boolean; disabled: boolean };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { text?: string; className?: string; id?: string } = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  node.append(...children);
  return node;
}

function custom<T extends HTMLElement>(tag: string, attributes: Record<string, string> = {}): T {
  const node = document.createElement(tag) as T;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

function select(id: string, options: readonly (readonly [string, string])[], value: string): ValueElement {
  const s = custom<ValueElement>('vscode-single-select', { id });
  for (const [v, label] of options) {
    const o = custom<HTMLElement & { value: string; selected: boolean }>('vscode-option');
    o.value = v;
    o.textContent = label;
    if (v === value) o.selected = true;
    s.append(o);
  }
  s.value = value;
  return s;
}

// ---- state ----------------------------------------------------------------------------------------

let form: MonitorForm | undefined;
let context: WizardContext | undefined;
let step: WizardStep = 'schedule';
/** The columns read from a dataset's first line, for the location and format they were read from. */
let columns: { location: string; format: MonitorForm['datasetFormat']; columns?: string[]; error?: string } | undefined;
let creation: {
  status: 'idle' | 'creating' | 'failed' | 'created';
  lines: { step: CreationStep; message: string }[];
  message?: string;
  failedStep?: CreationStep;
  /** Set when SageMaker refused the account: the failure offers this machine. */
  offer?: 'thisMachine';
} = {
  status: 'idle',
  lines: [],
};

const controls = new Map<FieldId, ValueElement | CheckElement>();
const rows = new Map<FieldId, { row: HTMLElement; message: HTMLElement; note: HTMLElement; suggestions?: ValueElement }>();

function save(): void {
  if (form && context) vscode.setState({ connectionId: context.connectionId, form, step });
}

function columnsFor(f: MonitorForm): string[] | undefined {
  return columns && columns.location === f.datasetLocation.trim() && columns.format === f.datasetFormat ? columns.columns : undefined;
}

function errorsOf(f: MonitorForm): FieldErrors {
  return validateForm(f, { datasetColumns: columnsFor(f), existingScheduleNames: context?.existingScheduleNames });
}

// ---- field descriptions ---------------------------------------------------------------------------

type ControlSpec =
  | { kind: 'text'; placeholder?: string }
  | { kind: 'select'; options: (f: MonitorForm) => (readonly [string, string])[] }
  | { kind: 'checkbox'; label: string };

interface FieldSpec {
  field: FieldId;
  control: ControlSpec;
  /** A note under the field (defaults, limits). */
  note?: (f: MonitorForm) => string;
  /** Values offered in a list beside the text field. */
  suggestions?: (f: MonitorForm) => string[];
  /** A button beside the field. */
  action?: { label: string; run: () => void };
}

const text = (placeholder?: string): ControlSpec => ({ kind: 'text', placeholder });

const FIELDS: Record<Exclude<WizardStep, 'review'>, FieldSpec[]> = {
  schedule: [
    { field: 'endpointName', control: { kind: 'select', options: () => (context?.endpoints ?? []).map((e) => [e, e] as const) }, note: () => 'The endpoint whose captured data the monitor analyses.' },
    { field: 'scheduleName', control: text(), note: () => 'Also the job definition’s name. 1–63 letters, digits and hyphens.' },
    { field: 'roleArn', control: text('arn:aws:iam::123456789012:role/ModelMonitorRole'), suggestions: () => context?.roles ?? [], note: () => 'The role SageMaker assumes to run the baseline and monitoring jobs.' },
    {
      field: 'frequency',
      control: {
        kind: 'select',
        options: () => [
          ['hourly', 'Hourly'],
          ['daily', 'Daily'],
          ['everyNHours', 'Every N hours'],
          ['cron', 'Cron expression'],
          ['now', 'One run now, over an analysis window'],
        ],
      },
      note: () => 'Times are UTC; SageMaker starts each run up to 20 minutes after its hour.',
    },
    { field: 'startHour', control: text('0'), note: (f) => (f.frequency === 'daily' ? 'The hour of the day (0–23 UTC).' : 'The first run’s hour (0–23 UTC).') },
    { field: 'everyHours', control: text('2'), note: () => '1–24 hours between runs.' },
    { field: 'cronExpression', control: text('cron(0 * ? * * *)'), note: () => 'cron(0 * ? * * *), cron(0 H ? * * *) or cron(0 S/N ? * * *).' },
    { field: 'analysisStart', control: text('-PT1H'), note: () => 'ISO-8601 duration before the run, e.g. -PT2H.' },
    { field: 'analysisEnd', control: text('-PT0H'), note: () => 'At most 24 hours after the start.' },
    { field: 'maxRuntimeInSeconds', control: text('3600'), note: (f) => `Limit for this frequency: ${maxRuntimeLimit(f).seconds} seconds.` },
    { field: 'publishCloudWatchMetrics', control: { kind: 'checkbox', label: 'Publish the monitor’s metrics to CloudWatch' } },
  ],
  job: [
    { field: 'instanceType', control: text('ml.m5.xlarge'), suggestions: () => [...INSTANCE_TYPES] },
    { field: 'instanceCount', control: text('1') },
    { field: 'volumeSizeInGB', control: text('30') },
    { field: 'outputS3Uri', control: text('s3://bucket/prefix/reports'), note: () => 'Each run writes its reports under <location>/<endpoint>/<monitor>/yyyy/mm/dd/hh/.' },
    { field: 'outputKmsKeyId', control: text('optional'), note: () => 'Key id, key ARN or alias encrypting the reports.' },
    { field: 'volumeKmsKeyId', control: text('optional'), note: () => 'Key encrypting the processing instance’s volume.' },
    { field: 'enableNetworkIsolation', control: { kind: 'checkbox', label: 'Network isolation (no network access from the job’s container)' } },
    { field: 'enableInterContainerTrafficEncryption', control: { kind: 'checkbox', label: 'Encrypt traffic between the job’s instances' } },
    { field: 'subnets', control: text('subnet-0123abcd, …'), note: () => 'Optional: run in a VPC (up to 16 subnets).' },
    { field: 'securityGroupIds', control: text('sg-0123abcd, …'), note: () => 'Up to 5 security groups.' },
    {
      field: 'problemType',
      control: {
        kind: 'select',
        options: () => [
          ['Regression', 'Regression'],
          ['BinaryClassification', 'Binary classification'],
          ['MulticlassClassification', 'Multiclass classification'],
        ],
      },
    },
    { field: 'inferenceAttribute', control: text('0'), note: () => 'Where the prediction is in the endpoint’s response: "0" is a CSV response’s first column.' },
    { field: 'probabilityAttribute', control: text('optional'), note: () => 'Where the probability is in the response.' },
    { field: 'probabilityThreshold', control: text('0.5'), note: () => 'Probabilities at or above it count as the positive class.' },
    { field: 'groundTruthS3Uri', control: text('s3://bucket/prefix/ground-truth'), note: () => 'Where your labels are uploaded (yyyy/mm/dd/hh folders, JSON Lines).' },
    { field: 'startTimeOffset', control: text('-PT1H'), note: () => 'The captured window each run merges with ground truth, before its scheduled time.' },
    { field: 'endTimeOffset', control: text('-PT0H') },
  ],
  baseline: [
    {
      field: 'baselineSource',
      control: {
        kind: 'select',
        options: () => [
          ['compute', 'Compute a baseline from a dataset'],
          ['existing', 'Use existing statistics and constraints'],
        ],
      },
    },
    {
      field: 'datasetLocation',
      control: text('s3://bucket/prefix/train.csv or a file on this machine'),
      action: { label: 'Browse…', run: () => vscode.postMessage({ type: 'browseDataset' }) },
      note: (f) => (f.datasetLocation.trim() && !f.datasetLocation.trim().startsWith('s3://') ? `Uploaded to ${uploadUriFor(f)} before the baseline job runs.` : columnsNote(f)),
    },
    {
      field: 'datasetFormat',
      control: {
        kind: 'select',
        options: () => [
          ['csvHeader', 'CSV with a header row'],
          ['csvNoHeader', 'CSV without a header'],
          ['jsonLines', 'JSON Lines'],
        ],
      },
    },
    { field: 'baselineJobName', control: text() },
    { field: 'baselineOutputS3Uri', control: text('s3://bucket/prefix/baseline'), note: () => 'The job writes statistics.json and constraints.json here.' },
    { field: 'datasetPredictionColumn', control: text(), suggestions: (f) => columnsFor(f) ?? [], note: () => 'The column holding the model’s prediction.' },
    { field: 'datasetProbabilityColumn', control: text('optional'), suggestions: (f) => columnsFor(f) ?? [] },
    { field: 'datasetLabelColumn', control: text(), suggestions: (f) => columnsFor(f) ?? [], note: () => 'The column holding the actual label (ground truth).' },
    { field: 'statisticsS3Uri', control: text('s3://bucket/prefix/baseline/statistics.json') },
    { field: 'constraintsS3Uri', control: text('s3://bucket/prefix/baseline/constraints.json') },
  ],
  additional: [
    { field: 'recordPreprocessorSourceUri', control: text('optional: s3://bucket/code/preprocessor.py'), note: () => 'Runs on each captured record before analysis.' },
    { field: 'postAnalyticsProcessorSourceUri', control: text('optional: s3://bucket/code/postprocessor.py'), note: () => 'Runs on the reports after analysis.' },
  ],
};

function columnsNote(f: MonitorForm): string {
  if (!columns || columns.location !== f.datasetLocation.trim() || columns.format !== f.datasetFormat) return '';
  if (columns.error) return columns.error;
  return columns.columns ? `Columns: ${columns.columns.join(', ')}` : '';
}

// ---- building the form ----------------------------------------------------------------------------

function setField<K extends FieldId>(field: K, value: MonitorForm[K]): void {
  if (!form) return;
  form = { ...form, [field]: value };
  if (field === 'datasetLocation' || field === 'datasetFormat') scheduleColumnsRead();
  if (creation.status === 'failed' || creation.status === 'created') creation = { status: 'idle', lines: [] };
  save();
  refresh();
}

function fieldRow(spec: FieldSpec): HTMLElement {
  const f = form as MonitorForm;
  const id = `f-${spec.field}`;
  const label = custom<HTMLElement>('vscode-label', { for: id });
  label.textContent = FIELD_LABELS[spec.field];
  const controlBox = el('div', { className: 'control' });
  let control: ValueElement | CheckElement;
  if (spec.control.kind === 'text') {
    const t = custom<ValueElement>('vscode-textfield', { id });
    if (spec.control.placeholder) t.setAttribute('placeholder', spec.control.placeholder);
    t.value = String(f[spec.field]);
    t.addEventListener('input', () => setField(spec.field, t.value as never));
    control = t;
  } else if (spec.control.kind === 'select') {
    const s = select(id, spec.control.options(f), String(f[spec.field]));
    s.addEventListener('change', () => setField(spec.field, s.value as never));
    control = s;
  } else {
    const c = custom<CheckElement>('vscode-checkbox', { id });
    c.textContent = spec.control.label;
    c.checked = Boolean(f[spec.field]);
    c.addEventListener('change', () => setField(spec.field, c.checked as never));
    control = c;
  }
  controls.set(spec.field, control);
  controlBox.append(control);
  let suggestions: ValueElement | undefined;
  if (spec.suggestions) {
    suggestions = custom<ValueElement>('vscode-single-select', { 'aria-label': `Suggestions for ${FIELD_LABELS[spec.field]}`, id: `s-${spec.field}` });
    suggestions.addEventListener('change', () => {
      const value = suggestions?.value ?? '';
      if (!value) return;
      (control as ValueElement).value = value;
      setField(spec.field, value as never);
    });
    controlBox.append(suggestions);
  }
  if (spec.action) {
    const button = custom<HTMLElement>('vscode-button', { secondary: '', id: `a-${spec.field}` });
    button.textContent = spec.action.label;
    button.addEventListener('click', spec.action.run);
    controlBox.append(button);
  }
  const message = el('p', { className: 'message', id: `m-${spec.field}` });
  message.setAttribute('aria-live', 'polite');
  const note = el('p', { className: 'note', id: `n-${spec.field}` });
  control.setAttribute('aria-describedby', `m-${spec.field} n-${spec.field}`);
  const row = el('div', { className: 'field', id: `row-${spec.field}` }, [label, controlBox, message, note]);
  rows.set(spec.field, { row, message, note, suggestions });
  return row;
}

/** The suggestion list's options, rebuilt only when they change (rebuilding would close an open list). */
function fillSuggestions(target: ValueElement, values: string[]): void {
  const key = JSON.stringify(values);
  if (target.dataset.options === key) return;
  target.dataset.options = key;
  target.replaceChildren();
  const none = custom<HTMLElement & { value: string; selected: boolean }>('vscode-option');
  none.value = '';
  none.textContent = values.length ? 'Choose…' : 'No suggestions';
  none.selected = true;
  target.append(none);
  for (const v of values) {
    const o = custom<HTMLElement & { value: string }>('vscode-option');
    o.value = v;
    o.textContent = v;
    target.append(o);
  }
  target.value = '';
}

let stepButtons = new Map<WizardStep, HTMLButtonElement>();
let sections = new Map<WizardStep, HTMLElement>();
let review: { blockers: HTMLElement; requests: HTMLElement; python: HTMLElement; create: HTMLElement; progress: HTMLElement; outcome: HTMLElement; ring: HTMLElement } | undefined;
let footer: { back: HTMLElement; next: HTMLElement } | undefined;

function build(): void {
  if (!form || !context) return;
  controls.clear();
  rows.clear();
  stepButtons = new Map();
  sections = new Map();
  const title = form.type === 'DataQuality' ? 'Create Data Quality Monitor' : 'Create Model Quality Monitor';
  const header = el('div', { className: 'wizard-header' }, [el('h1', { text: title }), el('span', { className: 'muted', text: `in ${context.connectionLabel}` })]);
  const nav = el('ol', { className: 'wizard-steps' });
  nav.setAttribute('aria-label', 'Steps');
  for (const s of WIZARD_STEPS) {
    const b = el('button', { id: `step-${s}` }, [el('span', { text: STEP_TITLES[s] }), el('span', { className: 'count' })]);
    b.type = 'button';
    b.addEventListener('click', () => go(s));
    stepButtons.set(s, b);
    nav.append(el('li', {}, [b]));
  }
  const body = el('div');
  for (const s of WIZARD_STEPS) {
    const section = el('section', { className: 'step', id: `section-${s}` }, [el('h2', { text: STEP_TITLES[s] })]);
    section.setAttribute('aria-labelledby', `step-${s}`);
    if (s === 'review') section.append(...buildReview());
    else for (const spec of FIELDS[s]) section.append(fieldRow(spec));
    sections.set(s, section);
    body.append(section);
  }
  const back = custom<HTMLElement>('vscode-button', { secondary: '', id: 'back' });
  back.textContent = 'Back';
  back.addEventListener('click', () => go(WIZARD_STEPS[Math.max(0, WIZARD_STEPS.indexOf(step) - 1)]));
  const next = custom<HTMLElement>('vscode-button', { id: 'next' });
  next.textContent = 'Next';
  next.addEventListener('click', () => go(WIZARD_STEPS[Math.min(WIZARD_STEPS.length - 1, WIZARD_STEPS.indexOf(step) + 1)]));
  footer = { back, next };
  app.replaceChildren(header, nav, body, el('div', { className: 'footer' }, [back, next]));
  app.setAttribute('aria-busy', 'false');
  refresh();
}

function buildReview(): Node[] {
  const blockersBox = el('div', { id: 'blockers' });
  blockersBox.setAttribute('aria-live', 'polite');
  const create = custom<HTMLElement>('vscode-button', { id: 'create' });
  create.textContent = 'Create';
  create.addEventListener('click', submit);
  const ring = custom<HTMLElement>('vscode-progress-ring', { 'aria-label': 'Creating the monitor' });
  ring.hidden = true;
  const progress = el('ol', { className: 'progress', id: 'progress' });
  progress.setAttribute('aria-live', 'polite');
  const outcome = el('div', { id: 'outcome' });
  outcome.setAttribute('role', 'status');
  const requests = el('pre', { className: 'code', id: 'requests' });
  requests.tabIndex = 0;
  requests.setAttribute('aria-label', 'API requests');
  const python = el('pre', { className: 'code', id: 'python' });
  python.tabIndex = 0;
  python.setAttribute('aria-label', 'SageMaker Python SDK');
  review = { blockers: blockersBox, requests, python, create, progress, outcome, ring };
  return [
    blockersBox,
    el('div', { className: 'footer' }, [create, ring]),
    progress,
    outcome,
    el('h3', { text: 'The API requests, exactly as they will be sent' }),
    requests,
    el('h3', { text: 'The same monitor with the SageMaker Python SDK' }),
    python,
  ];
}

function go(s: WizardStep): void {
  step = s;
  save();
  refresh();
  stepButtons.get(s)?.focus();
}

// ---- updating in place ----------------------------------------------------------------------------

function refresh(): void {
  if (!form || !context) return;
  const f = form;
  const errors = errorsOf(f);
  for (const [field, parts] of rows) {
    const shown = fieldShown(f, field);
    parts.row.hidden = !shown;
    const na = notApplicable(f, field);
    const control = controls.get(field);
    if (control) {
      control.disabled = na !== undefined || (field === 'endpointName' && (context.endpoints.length === 0 || creation.status === 'creating'));
      if ('invalid' in control || control.tagName.toLowerCase() !== 'vscode-checkbox') (control as ValueElement).invalid = !na && errors[field] !== undefined;
    }
    parts.row.classList.toggle('na', na !== undefined);
    parts.message.textContent = na ? '' : (errors[field] ?? '');
    const spec = specOf(field);
    parts.note.textContent = na ?? spec?.note?.(f) ?? '';
    if (parts.suggestions && spec?.suggestions) {
      const values = spec.suggestions(f);
      fillSuggestions(parts.suggestions, values);
      parts.suggestions.hidden = values.length === 0;
      parts.suggestions.disabled = na !== undefined;
    }
  }
  // The frequency decides the runtime limit, the problem type decides which attributes show.
  for (const s of WIZARD_STEPS) {
    const b = stepButtons.get(s);
    if (!b) continue;
    if (s === step) b.setAttribute('aria-current', 'step');
    else b.removeAttribute('aria-current');
    const count = s === 'review' ? 0 : Object.keys(errors).filter((k) => FIELD_STEP[k as FieldId] === s).length;
    const badge = b.querySelector('.count') as HTMLElement;
    badge.textContent = count ? `${count}` : '';
    b.setAttribute('aria-label', count ? `${STEP_TITLES[s]}, ${count} to fix` : STEP_TITLES[s]);
    const section = sections.get(s);
    if (section) section.hidden = s !== step;
  }
  if (footer) {
    footer.back.hidden = step === WIZARD_STEPS[0];
    footer.next.hidden = step === 'review';
  }
  refreshReview(f, errors);
}

function specOf(field: FieldId): FieldSpec | undefined {
  for (const list of Object.values(FIELDS)) {
    const found = list.find((s) => s.field === field);
    if (found) return found;
  }
  return undefined;
}

function refreshReview(f: MonitorForm, errors: FieldErrors): void {
  if (!review || !context) return;
  const problems = blockers(errors);
  if (problems.length) {
    review.blockers.replaceChildren(
      el('p', { className: 'blockers', text: `Create is blocked by ${problems.length === 1 ? 'one field' : `${problems.length} fields`}:` }),
      el('ul', { className: 'blockers' }, problems.map((p) => el('li', { text: p }))),
    );
    review.requests.textContent = 'Shown when the form is complete.';
    review.python.textContent = '';
  } else {
    review.blockers.replaceChildren(el('p', { className: 'muted', text: reviewIntro(f) }));
    const plan = planMonitor(f, { imageUri: context.imageUri || '<the analyzer image of this region>', datasetColumns: columnsFor(f), existingScheduleNames: context.existingScheduleNames });
    const requests = apiRequestsOf(plan);
    const upload = plan.upload ? `// First: upload ${plan.upload.file} to ${plan.upload.s3Uri}\n\n` : '';
    review.requests.textContent = upload + requests.map((r) => `// ${r.operation}\n${JSON.stringify(r.body, null, 2)}`).join('\n\n');
    review.python.textContent = pythonSnippet(plan);
  }
  const busy = creation.status === 'creating';
  (review.create as HTMLElement & { disabled: boolean }).disabled = problems.length > 0 || busy;
  review.ring.hidden = !busy;
  review.progress.replaceChildren(
    ...creation.lines.map((line, i) => el('li', { className: i < creation.lines.length - 1 ? 'done' : '', text: `${CREATION_STEP_TITLES[line.step]}: ${line.message}` })),
  );
  if (creation.status === 'failed' && creation.offer === 'thisMachine') {
    const retry = custom<HTMLElement>('vscode-button', { id: 'runOnThisMachine' });
    retry.textContent = 'Run on this machine instead';
    retry.addEventListener('click', runOnThisMachine);
    review.outcome.replaceChildren(el('p', { className: 'failure', text: creation.message ?? 'SageMaker refused the monitor.' }), retry);
  } else if (creation.status === 'failed') {
    review.outcome.replaceChildren(el('p', { className: 'failure', text: `${creation.message ?? 'Creating the monitor failed.'}\nEverything you typed is kept: fix it and choose Create again.` }));
  } else if (creation.status === 'created') {
    review.outcome.replaceChildren(el('p', { className: 'success', text: creation.message ?? 'Created.' }));
  } else {
    review.outcome.replaceChildren();
  }
}

function reviewIntro(f: MonitorForm): string {
  const steps = [
    ...(f.baselineSource === 'compute' ? ['run the baseline job and wait for it'] : []),
    `create the ${f.type === 'DataQuality' ? 'data-quality' : 'model-quality'} job definition`,
    'create the schedule',
  ];
  const where = f.target === 'local' ? 'in this local workspace (run by this machine)' : `in ${context?.connectionLabel ?? 'AWS'}`;
  return `Create will ${steps.join(', then ')}, ${where}.`;
}

function submit(): void {
  if (!form || creation.status === 'creating') return;
  if (Object.keys(errorsOf(form)).length) return;
  creation = { status: 'creating', lines: [] };
  refresh();
  vscode.postMessage({ type: 'create', form });
}

/** The refused monitor, with every field as typed, run by this machine instead of SageMaker. */
function runOnThisMachine(): void {
  const control = controls.get('runsOn') as ValueElement | undefined;
  if (control) control.value = 'thisMachine';
  setField('runsOn', 'thisMachine');
  submit();
}

// ---- the dataset's columns --------------------------------------------------------------------------

let columnsTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleColumnsRead(): void {
  if (columnsTimer) clearTimeout(columnsTimer);
  columnsTimer = setTimeout(() => {
    if (!form || form.baselineSource !== 'compute') return;
    const location = form.datasetLocation.trim();
    if (errorsOf(form).datasetLocation || location === '') return;
    if (columns && columns.location === location && columns.format === form.datasetFormat) return;
    vscode.postMessage({ type: 'readColumns', location, format: form.datasetFormat });
  }, 400);
}

// ---- messages ---------------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseWizardToWebview(event.data);
  if (!message) return;
  switch (message.type) {
    case 'init': {
      context = message.context;
      // A tab that was hidden (or a reloaded window) keeps what was typed, not a fresh form.
      const saved = parseWizardState(vscode.getState());
      const keep = saved && saved.connectionId === message.context.connectionId && saved.form.type === message.form.type;
      form = keep ? saved.form : message.form;
      step = keep ? saved.step : message.step;
      save();
      build();
      scheduleColumnsRead();
      break;
    }
    case 'columns':
      if (!form) break;
      columns = { location: message.location, format: form.datasetFormat, columns: message.columns, error: message.error };
      refresh();
      break;
    case 'datasetPicked': {
      const control = controls.get('datasetLocation') as ValueElement | undefined;
      if (control) control.value = message.path;
      setField('datasetLocation', message.path);
      break;
    }
    case 'progress':
      creation = { ...creation, status: 'creating', lines: [...creation.lines, { step: message.step, message: message.message }] };
      refresh();
      break;
    case 'failed':
      creation = { ...creation, status: 'failed', message: message.message, failedStep: message.step, offer: message.offer };
      refresh();
      break;
    case 'created':
      creation = { ...creation, status: 'created', message: message.message };
      if (context) context = { ...context, existingScheduleNames: [...context.existingScheduleNames, message.scheduleName] };
      refresh();
      break;
  }
});

vscode.postMessage({ type: 'ready' });
