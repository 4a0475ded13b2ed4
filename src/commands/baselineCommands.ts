import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { ExplorerNode } from '../explorer/explorerNode';
import { ConnectionNode } from '../explorer/nodes/connectionNode';
import { DataCaptureNode } from '../explorer/nodes/dataCaptureNode';
import { EndpointNode } from '../explorer/nodes/endpointNode';
import { MonitorNode } from '../explorer/nodes/monitorNode';
import { errorMessage } from '../explorer/format';
import type { Logger } from '../monitoring/logger';
import { backupStamp } from '../monitoring/monitoringFiles';
import { parseS3Uri } from '../monitoring/objectStore';
import { formatOfName, suggestBaselineInto, type BaselineDataset, type SuggestedBaseline } from '../monitoring/suggestBaseline';
import { openObject } from '../panels/monitorFileSystem';
import { validateS3Uri } from './captureSettings';
import { pickEndpoint } from './pickEndpoint';
import { reportError } from './reportError';

/** What Suggest Baseline is given when run from a script or a test (the prompts are skipped). */
export interface SuggestBaselineArguments {
  dataset: BaselineDataset;
  format: 'csv' | 'jsonl';
  header?: boolean;
  outputUri: string;
  overwrite?: boolean;
}

async function pickConnection(registry: ConnectionRegistry, placeHolder: string): Promise<Connection | undefined> {
  const connections = registry.connections;
  if (connections.length === 1) return connections[0];
  const choice = await vscode.window.showQuickPick(
    connections.map((c) => ({ label: c.label, description: c.description, connection: c })),
    { placeHolder },
  );
  return choice?.connection;
}

function connectionOf(arg: unknown): Connection | undefined {
  if (arg instanceof ConnectionNode || arg instanceof EndpointNode || arg instanceof DataCaptureNode || arg instanceof MonitorNode) return arg.connection;
  return undefined;
}

/** A folder beside the dataset (S3) or in the workspace's own bucket (local), named by the dataset and the time. */
function suggestedOutput(connection: Connection, dataset: BaselineDataset, now: Date): string {
  const name = (dataset.kind === 'file' ? basename(dataset.path) : dataset.uri.slice(dataset.uri.lastIndexOf('/') + 1)).replace(/\.[^.]*$/, '') || 'dataset';
  const folder = `${name}-baseline-${backupStamp(now)}`;
  if (dataset.kind === 's3') {
    const { bucket, key } = parseS3Uri(dataset.uri);
    const parent = key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : '';
    return `s3://${bucket}/${parent ? `${parent}/` : ''}${folder}`;
  }
  return connection.kind === 'local' ? `s3://model-monitor-baselines/${folder}` : '';
}

async function promptSuggestBaseline(connection: Connection): Promise<SuggestBaselineArguments | undefined> {
  const title = `Suggest Baseline (${connection.label})`;
  const source = await vscode.window.showQuickPick(
    [
      { label: '$(file) A file on this machine…', from: 'file' as const },
      { label: connection.kind === 'local' ? '$(cloud) An S3 URI in this workspace…' : '$(cloud) An S3 URI…', from: 's3' as const },
    ],
    { title: `${title}: dataset`, placeHolder: 'The training dataset the monitor will compare traffic with' },
  );
  if (!source) return undefined;
  let dataset: BaselineDataset;
  if (source.from === 'file') {
    const files = await vscode.window.showOpenDialog({ title: `${title}: dataset`, canSelectMany: false, filters: { 'CSV or JSON Lines': ['csv', 'jsonl', 'json', 'txt'], 'All files': ['*'] } });
    if (!files?.[0]) return undefined;
    dataset = { kind: 'file', path: files[0].fsPath };
  } else {
    const uri = await vscode.window.showInputBox({ title: `${title}: dataset`, prompt: 'The S3 URI of the dataset file', placeHolder: 's3://my-bucket/data/train.csv', validateInput: validateS3Uri, ignoreFocusOut: true });
    if (uri === undefined) return undefined;
    dataset = { kind: 's3', uri: uri.trim() };
  }
  const name = dataset.kind === 'file' ? dataset.path : dataset.uri;
  const guessed = formatOfName(name);
  const formats = [
    { label: 'CSV with a header line', format: 'csv' as const, header: true },
    { label: 'CSV without a header', description: 'columns are named _c0, _c1, …', format: 'csv' as const, header: false },
    { label: 'JSON Lines', description: 'one JSON object per line', format: 'jsonl' as const, header: false },
  ];
  const format = await vscode.window.showQuickPick(guessed === 'jsonl' ? [formats[2], formats[0], formats[1]] : formats, { title: `${title}: format of ${basename(name)}` });
  if (!format) return undefined;
  const outputUri = await vscode.window.showInputBox({
    title: `${title}: output`,
    prompt: 'The folder (S3 URI) that receives statistics.json and constraints.json',
    value: suggestedOutput(connection, dataset, new Date()),
    placeHolder: 's3://my-bucket/baselines/train',
    validateInput: validateS3Uri,
    ignoreFocusOut: true,
  });
  if (outputUri === undefined) return undefined;
  return { dataset, format: format.format, header: format.header, outputUri: outputUri.trim() };
}

/** The baseline files of a data- or model-quality monitor, from its job definition. */
async function baselineOf(node: MonitorNode): Promise<{ statisticsS3Uri?: string; constraintsS3Uri?: string }> {
  const backend = node.connection.backend;
  const schedule = await backend.describeSchedule(node.schedule.name);
  if (!schedule.jobDefinitionName || !schedule.type) throw new Error(`${schedule.name} names no job definition, so it has no baseline files.`);
  const definition = await backend.describeJobDefinition(schedule.jobDefinitionName, schedule.type);
  return definition.baseline ?? {};
}

/** From the palette: an endpoint, then one of its data- or model-quality monitors. */
async function pickMonitor(registry: ConnectionRegistry): Promise<{ connection: Connection; scheduleName: string } | undefined> {
  const endpoint = await pickEndpoint(registry, 'Endpoint whose monitor’s baseline to open');
  if (!endpoint) return undefined;
  const page = await endpoint.connection.backend.listSchedules({ endpointName: endpoint.endpointName, maxResults: 100 });
  const items = page.items.filter((s) => s.type === undefined || s.type === 'DataQuality' || s.type === 'ModelQuality').map((s) => ({ label: s.name, description: s.type ?? '', scheduleName: s.name }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`${endpoint.endpointName} has no data- or model-quality monitor.`);
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(items, { placeHolder: 'Monitor' });
  return choice && { connection: endpoint.connection, scheduleName: choice.scheduleName };
}

async function baselineFile(arg: unknown, registry: ConnectionRegistry, which: 'statistics' | 'constraints'): Promise<{ connection: Connection; uri: string; monitor: string } | undefined> {
  let connection: Connection;
  let scheduleName: string;
  let baseline: { statisticsS3Uri?: string; constraintsS3Uri?: string };
  if (arg instanceof MonitorNode) {
    connection = arg.connection;
    scheduleName = arg.schedule.name;
    baseline = await baselineOf(arg);
  } else {
    const picked = await pickMonitor(registry);
    if (!picked) return undefined;
    ({ connection, scheduleName } = picked);
    const schedule = await connection.backend.describeSchedule(scheduleName);
    if (!schedule.jobDefinitionName || !schedule.type) throw new Error(`${scheduleName} names no job definition, so it has no baseline files.`);
    baseline = (await connection.backend.describeJobDefinition(schedule.jobDefinitionName, schedule.type)).baseline ?? {};
  }
  const uri = which === 'statistics' ? baseline.statisticsS3Uri : baseline.constraintsS3Uri;
  if (!uri) {
    void vscode.window.showInformationMessage(`${scheduleName} has no baseline ${which} file: it runs without ${which === 'statistics' ? 'baseline statistics' : 'constraints'}.`);
    return undefined;
  }
  return { connection, uri, monitor: scheduleName };
}

export function registerBaselineCommands(registry: ConnectionRegistry, log: Logger): vscode.Disposable[] {
  const open = (which: 'statistics' | 'constraints', edit: boolean) => async (arg?: unknown) => {
    try {
      const file = await baselineFile(arg, registry, which);
      if (!file) return undefined;
      return await openObject(file.connection, file.uri, { edit, preview: !edit });
    } catch (e) {
      reportError(log, `Opening the baseline ${which}`, e);
      return undefined;
    }
  };
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.openBaselineStatistics', open('statistics', false)),
    vscode.commands.registerCommand('sagemakerModelMonitor.openBaselineConstraints', open('constraints', false)),
    vscode.commands.registerCommand('sagemakerModelMonitor.editConstraints', open('constraints', true)),
    vscode.commands.registerCommand('sagemakerModelMonitor.suggestBaseline', async (arg?: ExplorerNode, given?: SuggestBaselineArguments): Promise<SuggestedBaseline | undefined> => {
      const connection = connectionOf(arg) ?? (await pickConnection(registry, 'Where the baseline goes (the connection)'));
      if (!connection) return undefined;
      const request = given ?? (await promptSuggestBaseline(connection));
      if (!request) return undefined;
      const problem = validateS3Uri(request.outputUri) ?? (request.dataset.kind === 's3' ? validateS3Uri(request.dataset.uri) : undefined);
      if (problem) {
        reportError(log, 'Suggesting a baseline', new Error(problem));
        return undefined;
      }
      const source = request.dataset.kind === 'file' ? basename(request.dataset.path) : request.dataset.uri;
      try {
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Suggesting a baseline from ${source}`, cancellable: true },
          async (progress, token) => {
            const controller = new AbortController();
            const listener = token.onCancellationRequested(() => controller.abort(new Error('Cancelled: no baseline was written.')));
            let reported = 0;
            try {
              return await suggestBaselineInto(connection.backend, {
                ...request,
                signal: controller.signal,
                onProgress: (fraction, message) => {
                  const increment = Math.max(0, fraction * 100 - reported);
                  reported += increment;
                  progress.report({ message, increment });
                },
              });
            } finally {
              listener.dispose();
            }
          },
        );
        log.info(`Suggested a baseline from ${source} (${result.rows} rows, ${result.columns} columns): ${result.statisticsUri}, ${result.constraintsUri}`);
        // Statistics and the suggested constraints side by side; the constraints open editable (saving validates).
        await openObject(connection, result.statisticsUri, { preview: false, column: vscode.ViewColumn.One });
        await openObject(connection, result.constraintsUri, { preview: false, edit: true, column: vscode.ViewColumn.Two });
        vscode.window.setStatusBarMessage(`$(check) Baseline of ${result.rows} rows written to ${request.outputUri}`, 8_000);
        return result;
      } catch (e) {
        if (e instanceof Error && /Cancelled/.test(errorMessage(e))) {
          vscode.window.setStatusBarMessage('Suggest Baseline cancelled: nothing was written.', 8_000);
          log.info(`Suggesting a baseline from ${source} was cancelled; nothing was written.`);
          return undefined;
        }
        reportError(log, `Suggesting a baseline from ${source}`, e);
        return undefined;
      }
    }),
  ];
}
