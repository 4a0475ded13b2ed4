import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import type { Connection } from '../connections/connection';
import type { ThisMachineRegistry, ThisMachineEntry } from '../connections/thisMachineRegistry';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import type { ExplorerNode } from '../explorer/explorerNode';
import { EndpointNode } from '../explorer/nodes/endpointNode';
import { MonitorNode } from '../explorer/nodes/monitorNode';
import { ThisMachineMonitorNode } from '../explorer/nodes/thisMachineMonitorNode';
import { suggestDataQualityBaseline, toSageMakerJson } from '../monitoring/analysis/dataQuality';
import { PROBLEM_TYPES, suggestModelQualityBaseline } from '../monitoring/analysis/modelQuality';
import { analyzerImageUri } from '../monitoring/aws/analyzerImage';
import { isMonitoringError } from '../monitoring/errors';
import { serializeConstraints } from '../monitoring/formats/constraints';
import { parseConstraints } from '../monitoring/formats/constraints';
import { parseStatistics, serializeStatistics } from '../monitoring/formats/statistics';
import { createManagedMonitor, refusedByModelMonitor, type RunsOn } from '../monitoring/local/monitorPlacement';
import { defaultReportsUri, resourceName, THIS_MACHINE_REPORTS, type ThisMachineMonitorSpec } from '../monitoring/local/thisMachineMonitors';
import type { Logger } from '../monitoring/logger';
import type { ExecutionSummary, MonitoringType, ProblemType } from '../monitoring/model';
import { joinUri } from '../monitoring/objectStore';
import { ExecutionReportPanel } from '../panels/executionReportPanel';
import { openChartsCommand } from './chartCommands';
import { reportError } from './reportError';

type AnalysisType = Extract<MonitoringType, 'DataQuality' | 'ModelQuality'>;

/**
 * What Analyze Locally… asks, given in advance: tests, and callers such as the wizard, skip the
 * questions they answer. Anything left out is asked.
 */
export interface AnalyzeLocallyRequest {
  start?: string;
  end?: string;
  type?: AnalysisType;
  /** 'monitor' for a monitor's own baseline. */
  baseline?: 'monitor' | { statisticsS3Uri?: string; constraintsS3Uri: string };
  outputS3Uri?: string;
  problemType?: ProblemType;
  inferenceAttribute?: string;
  groundTruthS3Uri?: string;
  /** Data quality: a record preprocessor script (a path on this machine or an s3:// URI), or 'none'. */
  recordPreprocessor?: string;
}

/** Create Monitor…'s answers given in advance (the wizard's fields). */
export interface CreateMonitorRequest extends Partial<Omit<ThisMachineMonitorSpec, 'endpointName'>> {
  runsOn?: RunsOn;
  roleArn?: string;
  /** The answer to "run it on this machine instead?" when SageMaker refuses (asked when absent). */
  ifRefused?: 'thisMachine' | 'cancel';
}

const HOUR_MS = 3_600_000;

class Cancelled extends Error {}
const cancelled = (): never => {
  throw new Cancelled();
};

function isAnalyzeRequest(value: unknown): value is AnalyzeLocallyRequest {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function pick<T>(items: (vscode.QuickPickItem & { value: T })[], title: string, placeHolder?: string): Promise<T> {
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  return chosen ? chosen.value : cancelled();
}

async function ask(title: string, options: { value?: string; prompt?: string; validate?: (text: string) => string | undefined } = {}): Promise<string> {
  const answer = await vscode.window.showInputBox({
    title,
    value: options.value,
    prompt: options.prompt,
    ignoreFocusOut: true,
    validateInput: (text) => options.validate?.(text.trim()),
  });
  return answer === undefined ? cancelled() : answer.trim();
}

const s3UriProblem = (text: string): string | undefined => (/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(text) ? undefined : 'An S3 URI such as s3://my-bucket/prefix/file.json');
const isoProblem = (text: string): string | undefined => (Number.isNaN(Date.parse(text)) || !/^\d{4}-\d{2}-\d{2}T/.test(text) ? 'An ISO-8601 time such as 2024-05-01T10:00:00Z' : undefined);

/** The AWS endpoint (and monitor, if any) a command was invoked on. */
interface Target {
  aws: Connection;
  endpointName: string;
  monitor?: { name: string; type: AnalysisType; jobDefinitionName?: string };
}

function targetOf(node: unknown): Target | undefined {
  if (node instanceof ThisMachineMonitorNode) return undefined;
  if (node instanceof EndpointNode && node.connection.kind === 'aws') return { aws: node.connection, endpointName: node.name };
  if (node instanceof MonitorNode && node.connection.kind === 'aws') {
    const s = node.schedule;
    if (!s.endpointName || (s.type !== 'DataQuality' && s.type !== 'ModelQuality')) return undefined;
    return { aws: node.connection, endpointName: s.endpointName, monitor: { name: s.name, type: s.type, jobDefinitionName: s.jobDefinitionName } };
  }
  return undefined;
}

/** Commands for analysing AWS endpoints on this machine, once or on a schedule. */
export function registerAnalyzeLocallyCommands(
  context: vscode.ExtensionContext,
  tree: EndpointsTreeProvider,
  log: Logger,
  thisMachine: ThisMachineRegistry,
): vscode.Disposable[] {
  const nodes = new Map<string, ThisMachineMonitorNode>();
  tree.thisMachineMonitors = async (connection, endpointName): Promise<ExplorerNode[]> => {
    const entry = thisMachine.entryFor(connection);
    if (!entry) return [];
    try {
      const page = await entry.monitors.backend.listSchedules({ endpointName });
      return page.items.map((summary) => {
        const key = `${connection.id}/${summary.name}`;
        const node = nodes.get(key) ?? new ThisMachineMonitorNode(entry.connection, summary, tree);
        node.update(summary);
        node.invalidate();
        nodes.set(key, node);
        return node;
      });
    } catch (e) {
      log.warn(`Listing the this-machine monitors of ${endpointName} failed: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  };

  tree.thisMachineConnection = async (connection, endpointName) => {
    const entry = thisMachine.entryFor(connection);
    if (!entry) return undefined;
    await entry.monitors.mirrorEndpoint(endpointName);
    thisMachine.startIfAllowed(entry);
    return entry.connection;
  };

  const reload = (aws: Connection) => tree.reloadConnection(aws);
  const entryOf = (node: unknown): ThisMachineEntry | undefined => {
    if (!(node instanceof ThisMachineMonitorNode)) return undefined;
    const aws = thisMachine.awsOf(node.connection.id);
    return aws ? thisMachine.entryFor(aws) : undefined;
  };

  return [
    thisMachine.onDidChange(reload),
    vscode.commands.registerCommand('sagemakerModelMonitor.analyzeLocally', async (node?: unknown, preset?: unknown) => {
      const target = targetOf(node);
      if (!target) {
        void vscode.window.showInformationMessage('Choose an AWS endpoint, or one of its data-quality or model-quality monitors, in the Endpoints view to analyse it on this machine.');
        return undefined;
      }
      const entry = thisMachine.entryFor(target.aws);
      if (!entry) return undefined;
      try {
        const request = isAnalyzeRequest(preset) ? preset : {};
        const execution = await analyzeLocally(entry, target, request);
        reload(target.aws);
        let report: ExecutionReportPanel | undefined;
        if (execution.status === 'Failed') {
          void vscode.window.showErrorMessage(`The local analysis of ${target.endpointName} failed: ${execution.failureReason ?? 'no reason recorded'}`);
        } else {
          report = ExecutionReportPanel.show({ extensionUri: context.extensionUri, log, openCharts: openChartsCommand }, entry.connection, execution);
        }
        // The report panel too, for tests: what it shows and what it keeps for a reload.
        return { scheduleName: execution.scheduleName, status: execution.status, failureReason: execution.failureReason, report };
      } catch (e) {
        if (!(e instanceof Cancelled)) reportError(log, `Analysing ${target.endpointName} locally`, e);
        return undefined;
      }
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.createMonitor', async (node?: unknown, preset?: unknown) => {
      const target = targetOf(node);
      if (!target || target.monitor) {
        void vscode.window.showInformationMessage('Choose an AWS endpoint in the Endpoints view to create a monitor for it.');
        return undefined;
      }
      const entry = thisMachine.entryFor(target.aws);
      if (!entry) return undefined;
      try {
        const request = (isAnalyzeRequest(preset) ? preset : {}) as CreateMonitorRequest;
        const where = await createMonitor(entry, target, request, () => thisMachine.startIfAllowed(entry));
        reload(target.aws);
        return where;
      } catch (e) {
        if (!(e instanceof Cancelled)) reportError(log, `Creating a monitor for ${target.endpointName}`, e);
        return undefined;
      }
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.startThisMachineMonitor', async (node?: unknown) => {
      const entry = entryOf(node);
      if (!entry || !(node instanceof ThisMachineMonitorNode)) return;
      await entry.monitors.backend.startSchedule(node.schedule.name).then(
        () => {
          thisMachine.startIfAllowed(entry);
          reload(entry.aws);
        },
        (e: unknown) => reportError(log, `Starting ${node.schedule.name}`, e),
      );
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.stopThisMachineMonitor', async (node?: unknown) => {
      const entry = entryOf(node);
      if (!entry || !(node instanceof ThisMachineMonitorNode)) return;
      await entry.monitors.backend.stopSchedule(node.schedule.name).then(
        () => reload(entry.aws),
        (e: unknown) => reportError(log, `Stopping ${node.schedule.name}`, e),
      );
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.deleteThisMachineMonitor', async (node?: unknown, confirmed?: unknown) => {
      const entry = entryOf(node);
      if (!entry || !(node instanceof ThisMachineMonitorNode)) return;
      const name = node.schedule.name;
      if (confirmed !== true) {
        const answer = await vscode.window.showWarningMessage(`Delete the monitor ${name} that runs on this machine? Its reports stay where they were written.`, { modal: true }, 'Delete');
        if (answer !== 'Delete') return;
      }
      await entry.monitors.deleteMonitor(name).then(
        () => reload(entry.aws),
        (e: unknown) => reportError(log, `Deleting ${name}`, e),
      );
    }),
  ];
}

// ---- Analyze Locally… -------------------------------------------------------------------------------

async function analysisWindow(request: AnalyzeLocallyRequest): Promise<{ start: Date; end: Date }> {
  if (request.start && request.end) return { start: new Date(request.start), end: new Date(request.end) };
  const now = Date.now();
  const hours = await pick<number | 'custom'>(
    [
      { label: 'Last hour', value: 1 },
      { label: 'Last 6 hours', value: 6 },
      { label: 'Last 24 hours', value: 24, description: 'the longest window SageMaker analyses at once' },
      { label: 'Choose start and end…', value: 'custom' },
    ],
    'Analyze Locally: which captured data?',
  );
  if (hours !== 'custom') return { start: new Date(now - hours * HOUR_MS), end: new Date(now) };
  const start = await ask('Start of the window (UTC, inclusive)', { value: new Date(Math.floor(now / HOUR_MS) * HOUR_MS - HOUR_MS).toISOString(), validate: isoProblem });
  const end = await ask('End of the window (UTC, exclusive; at most 24 hours after the start)', {
    value: new Date(Date.parse(start) + HOUR_MS).toISOString(),
    validate: (text) => isoProblem(text) ?? (Date.parse(text) <= Date.parse(start) ? 'The end must be after the start' : Date.parse(text) - Date.parse(start) > 24 * HOUR_MS ? 'At most 24 hours' : undefined),
  });
  return { start: new Date(start), end: new Date(end) };
}

async function analysisType(target: Target, request: AnalyzeLocallyRequest): Promise<AnalysisType> {
  if (target.monitor) return target.monitor.type;
  if (request.type) return request.type;
  return pick<AnalysisType>(
    [
      { label: 'Data quality', description: 'drift of the inputs and outputs against a baseline', value: 'DataQuality' },
      { label: 'Model quality', description: 'accuracy against ground truth labels', value: 'ModelQuality' },
    ],
    'Analyze Locally: what to check?',
  );
}

/** Copies a baseline the user has on disk (or just suggested) into this machine's store, where the analysis reads it. */
async function storeBaseline(entry: ThisMachineEntry, files: { statistics?: string; constraints: string }): Promise<{ statisticsS3Uri?: string; constraintsS3Uri: string }> {
  const base = joinUri(`s3://this-machine/baselines`, new Date().toISOString().replace(/[-:.]/g, ''));
  const constraintsS3Uri = joinUri(base, 'constraints.json');
  await entry.monitors.objects.put(constraintsS3Uri, files.constraints, 'application/json');
  if (files.statistics === undefined) return { constraintsS3Uri };
  const statisticsS3Uri = joinUri(base, 'statistics.json');
  await entry.monitors.objects.put(statisticsS3Uri, files.statistics, 'application/json');
  return { statisticsS3Uri, constraintsS3Uri };
}

async function openJson(title: string): Promise<{ path: string; text: string }> {
  const [uri] = (await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { JSON: ['json'] } })) ?? [];
  if (!uri) cancelled();
  return { path: uri.fsPath, text: await readFile(uri.fsPath, 'utf8') };
}

interface ModelQualitySettings {
  problemType: ProblemType;
  inferenceAttribute: string;
  groundTruthS3Uri: string;
}

async function modelQualitySettings(target: Target, request: AnalyzeLocallyRequest): Promise<ModelQualitySettings> {
  if (target.monitor?.jobDefinitionName) {
    const definition = await target.aws.backend.describeJobDefinition(target.monitor.jobDefinitionName, 'ModelQuality');
    if (definition.input.kind === 'Endpoint' && definition.input.inferenceAttribute && definition.groundTruthS3Uri && definition.problemType) {
      return { problemType: definition.problemType, inferenceAttribute: definition.input.inferenceAttribute, groundTruthS3Uri: definition.groundTruthS3Uri };
    }
  }
  const problemType = request.problemType ?? (await pick(PROBLEM_TYPES.map((type) => ({ label: type, value: type })), 'Model quality: the problem type'));
  const inferenceAttribute = request.inferenceAttribute ?? (await ask('Where is the prediction in the endpoint output? (a CSV column index such as 0, or a JSON key)', { value: '0', validate: (t) => (t ? undefined : 'Required') }));
  const groundTruthS3Uri = request.groundTruthS3Uri ?? (await ask('The ground truth S3 prefix (yyyy/mm/dd/HH folders of labels)', { validate: s3UriProblem }));
  return { problemType, inferenceAttribute, groundTruthS3Uri };
}

async function chooseBaseline(
  entry: ThisMachineEntry,
  target: Target,
  type: AnalysisType,
  request: AnalyzeLocallyRequest,
  mq: ModelQualitySettings | undefined,
): Promise<{ statisticsS3Uri?: string; constraintsS3Uri: string }> {
  const monitorBaseline = async () => {
    if (!target.monitor?.jobDefinitionName) throw new Error('This endpoint has no monitor whose baseline could be used; pick a baseline instead.');
    const baseline = (await target.aws.backend.describeJobDefinition(target.monitor.jobDefinitionName, type)).baseline;
    if (!baseline?.constraintsS3Uri || (type === 'DataQuality' && !baseline.statisticsS3Uri)) {
      throw new Error(`The monitor ${target.monitor.name} has no baseline ${type === 'DataQuality' ? 'statistics and constraints' : 'constraints'}; pick a baseline instead.`);
    }
    return { constraintsS3Uri: baseline.constraintsS3Uri, ...(baseline.statisticsS3Uri ? { statisticsS3Uri: baseline.statisticsS3Uri } : {}) };
  };
  if (request.baseline === 'monitor') return monitorBaseline();
  if (request.baseline) return request.baseline;
  const how = await pick<'monitor' | 's3' | 'files' | 'suggest'>(
    [
      ...(target.monitor ? [{ label: "The monitor's own baseline", description: target.monitor.name, value: 'monitor' as const }] : []),
      { label: 'Statistics and constraints in S3…', value: 's3' as const },
      { label: 'Statistics and constraints on this machine…', value: 'files' as const },
      { label: 'Suggest a baseline from a dataset…', description: 'a CSV file with a header, such as the training data', value: 'suggest' as const },
    ],
    'Analyze Locally: compare with which baseline?',
  );
  if (how === 'monitor') return monitorBaseline();
  if (how === 's3') {
    const constraintsS3Uri = await ask('The baseline constraints.json in S3', { validate: s3UriProblem });
    if (type === 'ModelQuality') return { constraintsS3Uri };
    const statisticsS3Uri = await ask('The baseline statistics.json in S3', { value: constraintsS3Uri.replace(/constraints\.json$/, 'statistics.json'), validate: s3UriProblem });
    return { statisticsS3Uri, constraintsS3Uri };
  }
  if (how === 'files') {
    const constraints = await openJson('The baseline constraints.json');
    parseConstraints(constraints.text, constraints.path);
    if (type === 'ModelQuality') return storeBaseline(entry, { constraints: constraints.text });
    const statistics = await openJson('The baseline statistics.json');
    parseStatistics(statistics.text, statistics.path);
    return storeBaseline(entry, { statistics: statistics.text, constraints: constraints.text });
  }
  const [dataset] = (await vscode.window.showOpenDialog({ title: 'The baseline dataset (CSV with a header row)', canSelectMany: false, filters: { CSV: ['csv'] } })) ?? [];
  if (!dataset) cancelled();
  const input = { kind: 'csv' as const, path: dataset.fsPath, header: true };
  if (type === 'DataQuality') {
    const baseline = await suggestDataQualityBaseline(input);
    return storeBaseline(entry, { statistics: toSageMakerJson(baseline.statistics), constraints: toSageMakerJson(baseline.constraints) });
  }
  const groundTruthAttribute = await ask('Which column of the dataset holds the label?', { validate: (t) => (t ? undefined : 'Required') });
  const predicted = await ask('Which column holds the prediction?', { validate: (t) => (t ? undefined : 'Required') });
  const baseline = await suggestModelQualityBaseline(input, { problemType: mq?.problemType ?? 'Regression', inferenceAttribute: predicted, groundTruthAttribute });
  return storeBaseline(entry, { statistics: serializeStatistics(baseline.statistics), constraints: serializeConstraints(baseline.constraints) });
}

/**
 * Data quality: whether each captured record goes through a record preprocessor script first. A
 * monitor's own script is used as SageMaker would; otherwise the user may pick one on this machine.
 */
async function choosePreprocessor(target: Target, request: AnalyzeLocallyRequest): Promise<string | undefined> {
  if (request.recordPreprocessor !== undefined) return request.recordPreprocessor === 'none' ? undefined : request.recordPreprocessor;
  if (target.monitor?.jobDefinitionName) {
    const own = (await target.aws.backend.describeJobDefinition(target.monitor.jobDefinitionName, 'DataQuality')).recordPreprocessorSourceUri;
    if (own) return own;
  }
  const how = await pick<'none' | 'script'>(
    [
      { label: 'Analyse the records as captured', value: 'none' },
      { label: 'Through a record preprocessor script…', description: 'preprocess_handler(inference_record), as SageMaker runs it', value: 'script' },
    ],
    'Analyze Locally: preprocess the captured records?',
  );
  if (how === 'none') return undefined;
  const [script] = (await vscode.window.showOpenDialog({ title: 'The record preprocessor (a Python file defining preprocess_handler)', canSelectMany: false, filters: { Python: ['py'] } })) ?? [];
  return script ? script.fsPath : cancelled();
}

async function chooseOutput(entry: ThisMachineEntry, target: Target, request: AnalyzeLocallyRequest, required: boolean): Promise<string> {
  if (request.outputS3Uri) return request.outputS3Uri;
  const endpoint = await entry.monitors.mirrorEndpoint(target.endpointName);
  const suggested = defaultReportsUri(endpoint.dataCapture?.destinationS3Uri ?? '');
  const where = required
    ? 's3'
    : await pick<'local' | 's3'>(
        [
          { label: 'Keep the report on this machine', value: 'local' },
          { label: 'Also write it to S3, in Model Monitor’s layout…', description: suggested, value: 's3' },
        ],
        'Where should the report go?',
      );
  if (where === 'local') return THIS_MACHINE_REPORTS;
  return ask('The S3 prefix for reports ({prefix}/{endpoint}/{monitor}/yyyy/mm/dd/HH/)', { value: suggested, validate: s3UriProblem });
}

async function analyzeLocally(entry: ThisMachineEntry, target: Target, request: AnalyzeLocallyRequest): Promise<ExecutionSummary> {
  const window = await analysisWindow(request);
  const type = await analysisType(target, request);
  const mq = type === 'ModelQuality' ? await modelQualitySettings(target, request) : undefined;
  const baseline = await chooseBaseline(entry, target, type, request, mq);
  const recordPreprocessorSourceUri = type === 'DataQuality' ? await choosePreprocessor(target, request) : undefined;
  const outputS3Uri = await chooseOutput(entry, target, request, false);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Analysing ${target.endpointName} on this machine (${window.start.toISOString()} – ${window.end.toISOString()})…` },
    () => entry.monitors.analyzeOnce({ endpointName: target.endpointName, type, ...baseline, outputS3Uri, ...(mq ?? {}), ...(recordPreprocessorSourceUri ? { recordPreprocessorSourceUri } : {}) }, window),
  );
}

// ---- Create Monitor… (until the wizard has "where it runs") -----------------------------------------

async function createMonitor(entry: ThisMachineEntry, target: Target, request: CreateMonitorRequest, started: () => void): Promise<RunsOn> {
  const runsOn =
    request.runsOn ??
    (await pick<RunsOn>(
      [
        { label: 'SageMaker (managed)', description: 'an hourly processing job in your account', value: 'sagemaker' },
        { label: 'This machine', description: 'our analyzer over the endpoint’s S3 capture, while VS Code runs', value: 'thisMachine' },
      ],
      `Create Monitor for ${target.endpointName}: where does it run?`,
    ));
  const type = request.type ?? (await analysisType(target, {}));
  const name = request.name ?? (await ask('Monitor name', { value: resourceName(target.endpointName.slice(0, 40), type === 'DataQuality' ? 'data-quality' : 'model-quality'), validate: (t) => (/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(t) ? undefined : 'Letters, digits and hyphens, at most 63') }));
  const mq = type === 'ModelQuality' ? await modelQualitySettings(target, request) : undefined;
  const baseline = request.constraintsS3Uri ? { constraintsS3Uri: request.constraintsS3Uri, ...(request.statisticsS3Uri ? { statisticsS3Uri: request.statisticsS3Uri } : {}) } : await chooseBaseline(entry, target, type, {}, mq);
  const outputS3Uri = await chooseOutput(entry, target, { outputS3Uri: request.outputS3Uri }, runsOn === 'sagemaker');
  const spec: ThisMachineMonitorSpec = { name, endpointName: target.endpointName, type, ...baseline, outputS3Uri, ...(mq ?? {}), ...(request.scheduleExpression ? { scheduleExpression: request.scheduleExpression } : {}) };

  const onThisMachine = async (): Promise<RunsOn> => {
    await entry.monitors.createMonitor(spec);
    started();
    void vscode.window.showInformationMessage(`${name} runs on this machine every hour while VS Code is open; hours missed while it was closed are caught up.`);
    return 'thisMachine';
  };
  if (runsOn === 'thisMachine') return onThisMachine();
  // The backend's id is `aws:<profile>@<region>`.
  const region = target.aws.backend.id.split('@').pop() || 'us-east-1';
  const roleArn = request.roleArn ?? (await ask('The IAM role SageMaker runs the job as (ARN)', { validate: (t) => (/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(t) ? undefined : 'An IAM role ARN') }));
  try {
    await createManagedMonitor(target.aws.backend, spec, { roleArn, imageUri: analyzerImageUri(region) });
    void vscode.window.showInformationMessage(`${name} is scheduled hourly in SageMaker.`);
    return 'sagemaker';
  } catch (e) {
    if (!refusedByModelMonitor(e)) throw e;
    const choice =
      request.ifRefused === 'thisMachine'
        ? 'Run on This Machine'
        : request.ifRefused === 'cancel'
          ? undefined
          : await vscode.window.showWarningMessage(
      `SageMaker refused the monitor: this AWS account is not admitted to Model Monitor (${isMonitoringError(e) ? e.message : String(e)}). ` +
        'Run it on this machine instead, with what you entered? Our analyzer writes the same reports, in the same S3 layout.',
      { modal: true },
            'Run on This Machine',
          );
    if (choice !== 'Run on This Machine') cancelled();
    return onThisMachine();
  }
}
