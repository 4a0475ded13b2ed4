import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import type { ExplorerNode } from '../explorer/explorerNode';
import { DataCaptureNode } from '../explorer/nodes/dataCaptureNode';
import { EndpointNode } from '../explorer/nodes/endpointNode';
import { isInTransition } from '../monitoring/endpointStatus';
import type { Logger } from '../monitoring/logger';
import type { CaptureMode, DataCaptureConfig, Endpoint } from '../monitoring/model';
import { captureConfigOf, parseSamplingPercentage, validateCaptureChoices, validateS3Uri, validateSamplingPercentage, type CaptureChoices } from './captureSettings';
import { pickEndpoint } from './pickEndpoint';
import { reportError } from './reportError';

/** The endpoint a capture command acts on: from the tree (the endpoint or its capture row) or picked. */
export interface CaptureTarget {
  connection: Connection;
  endpointName: string;
  /** The endpoint's row to reload afterwards, when run from the tree. */
  node?: ExplorerNode;
}

export async function captureTarget(arg: unknown, registry: ConnectionRegistry, placeHolder: string): Promise<CaptureTarget | undefined> {
  if (arg instanceof EndpointNode) return { connection: arg.connection, endpointName: arg.name, node: arg };
  if (arg instanceof DataCaptureNode) return { connection: arg.connection, endpointName: arg.endpointName, node: arg.parent };
  const picked = await pickEndpoint(registry, placeHolder);
  return picked && { ...picked, node: undefined };
}

/** The full capture config the endpoint runs with now (DescribeEndpoint has only its summary). */
async function currentCapture(target: CaptureTarget): Promise<{ endpoint: Endpoint; config: DataCaptureConfig | undefined }> {
  const endpoint = await target.connection.backend.describeEndpoint(target.endpointName);
  const config = (await target.connection.backend.describeEndpointConfig(endpoint.endpointConfigName)).dataCapture;
  return { endpoint, config };
}

/** Where capture goes when nothing was configured: beside the workspace's other data, or the user's bucket. */
function suggestedDestination(connection: Connection, endpointName: string): string {
  return connection.kind === 'local' ? `s3://${endpointName}-data/datacapture` : '';
}

const MODE_ITEMS: readonly (vscode.QuickPickItem & { mode: CaptureMode })[] = [
  { label: 'Requests', description: 'Input: what the endpoint receives', mode: 'Input' },
  { label: 'Responses', description: 'Output: what the endpoint answers', mode: 'Output' },
];

/** The prompts, each checked as typed; undefined when the user cancels one. */
async function promptCaptureChoices(target: CaptureTarget, config: DataCaptureConfig | undefined, verb: string): Promise<CaptureChoices | undefined> {
  const title = `${verb} Data Capture: ${target.endpointName}`;
  const sampling = await vscode.window.showInputBox({
    title: `${title} (1/3)`,
    prompt: 'Percentage of requests to capture (0–100)',
    value: String(config?.initialSamplingPercentage ?? 100),
    validateInput: validateSamplingPercentage,
    ignoreFocusOut: true,
  });
  if (sampling === undefined) return undefined;
  const destination = await vscode.window.showInputBox({
    title: `${title} (2/3)`,
    prompt: 'Where SageMaker writes the captured requests (an S3 URI)',
    placeHolder: 's3://my-bucket/datacapture',
    value: config?.destinationS3Uri ?? suggestedDestination(target.connection, target.endpointName),
    validateInput: validateS3Uri,
    ignoreFocusOut: true,
  });
  if (destination === undefined) return undefined;
  const current = new Set((config?.captureModes ?? ['Input', 'Output']).flatMap((m) => (m === 'InputAndOutput' ? ['Input', 'Output'] : [m])));
  const modes = await vscode.window.showQuickPick(
    MODE_ITEMS.map((item) => ({ ...item, picked: current.has(item.mode) })),
    { title: `${title} (3/3)`, placeHolder: 'What to capture', canPickMany: true, ignoreFocusOut: true },
  );
  if (modes === undefined) return undefined;
  if (modes.length === 0) {
    void vscode.window.showWarningMessage('Data capture was not changed: choose requests, responses or both.');
    return undefined;
  }
  return {
    samplingPercentage: parseSamplingPercentage(sampling),
    destinationS3Uri: destination.trim(),
    captureModes: modes.map((m) => m.mode),
    ...(config?.csvContentTypes ? { csvContentTypes: config.csvContentTypes } : {}),
    ...(config?.jsonContentTypes ? { jsonContentTypes: config.jsonContentTypes } : {}),
  };
}

/**
 * Applies a capture change and follows the endpoint until it is InService again (AWS: Updating for a
 * few minutes; local: at once). Cancelling stops the waiting, not the update: the tree keeps following.
 */
async function applyCapture(target: CaptureTarget, what: string, change: () => Promise<Endpoint>, tree: EndpointsTreeProvider, log: Logger): Promise<Endpoint | undefined> {
  const reload = () => (target.node ? tree.reload(target.node) : tree.reloadConnection(target.connection));
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${what}: ${target.endpointName}`, cancellable: true },
    async (progress, token) => {
      let endpoint = await change();
      log.info(`${what} of ${target.endpointName}: the endpoint is ${endpoint.status} on config ${endpoint.endpointConfigName}`);
      reload();
      const started = Date.now();
      while (isInTransition(endpoint.status)) {
        progress.report({ message: `${endpoint.status} (${Math.round((Date.now() - started) / 1000)} s; SageMaker takes a few minutes)…` });
        const cancelled = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => {
            listener.dispose();
            resolve(false);
          }, 2_000);
          const listener = token.onCancellationRequested(() => {
            clearTimeout(timer);
            listener.dispose();
            resolve(true);
          });
        });
        if (cancelled) {
          vscode.window.setStatusBarMessage(`$(sync~spin) ${target.endpointName} is still ${endpoint.status}; the Endpoints view follows it.`, 10_000);
          return undefined;
        }
        endpoint = await target.connection.backend.describeEndpoint(target.endpointName);
      }
      reload();
      if (endpoint.status !== 'InService') throw new Error(`${target.endpointName} is ${endpoint.status}${endpoint.failureReason ? `: ${endpoint.failureReason}` : ''}`);
      return endpoint;
    },
  );
}

export function registerDataCaptureCommands(registry: ConnectionRegistry, tree: EndpointsTreeProvider, log: Logger): vscode.Disposable[] {
  /** Enable and Update: the same prompts, defaults from the current config; arguments skip the prompts. */
  const configure = (verb: 'Enable' | 'Update') => async (arg?: unknown, given?: CaptureChoices) => {
    const target = await captureTarget(arg, registry, `Endpoint to ${verb.toLowerCase()} data capture on`);
    if (!target) return;
    try {
      const { config } = await currentCapture(target);
      const choices = given ?? (await promptCaptureChoices(target, config, verb));
      if (!choices) return;
      const problem = validateCaptureChoices(choices);
      if (problem) throw new Error(problem);
      const next = captureConfigOf(choices, config);
      const done = await applyCapture(target, `${verb === 'Enable' ? 'Enabling' : 'Updating'} data capture`, () => target.connection.backend.updateDataCapture(target.endpointName, next), tree, log);
      if (done) vscode.window.setStatusBarMessage(`$(check) Data capture of ${target.endpointName}: ${next.initialSamplingPercentage}% to ${next.destinationS3Uri}`, 8_000);
      return done;
    } catch (e) {
      reportError(log, `${verb === 'Enable' ? 'Enabling' : 'Updating'} data capture of ${target.endpointName}`, e);
      return undefined;
    }
  };
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.enableDataCapture', configure('Enable')),
    vscode.commands.registerCommand('sagemakerModelMonitor.updateDataCapture', configure('Update')),
    vscode.commands.registerCommand('sagemakerModelMonitor.disableDataCapture', async (arg?: unknown) => {
      const target = await captureTarget(arg, registry, 'Endpoint to disable data capture on');
      if (!target) return undefined;
      try {
        // Nothing is deleted: the data already captured stays where it is, and capture can be enabled again.
        const done = await applyCapture(target, 'Disabling data capture', () => target.connection.backend.disableDataCapture(target.endpointName), tree, log);
        if (done) vscode.window.setStatusBarMessage(`$(check) Data capture of ${target.endpointName} is off; captured data is kept.`, 8_000);
        return done;
      } catch (e) {
        reportError(log, `Disabling data capture of ${target.endpointName}`, e);
        return undefined;
      }
    }),
  ];
}
