import * as vscode from 'vscode';
import { ConnectionRegistry } from './connections/connectionRegistry';
import { EndpointsTreeProvider } from './explorer/endpointsTreeProvider';
import { ViolationBadge } from './explorer/violationBadge';
import { registerExplorerCommands } from './commands/explorerCommands';
import { builtInDemoRoot, registerConnectionCommands } from './commands/connectionCommands';
import { registerLocalCommands } from './commands/localCommands';
import { registerMonitorCommands } from './commands/monitorCommands';
import { registerChartCommands, type PanelRestorer } from './commands/chartCommands';
import { registerDataCaptureCommands } from './commands/dataCaptureCommands';
import { registerCapturedDataCommands } from './commands/capturedDataCommands';
import { registerBaselineCommands } from './commands/baselineCommands';
import { registerScheduleWizardCommands } from './commands/scheduleWizardCommands';
import { registerScheduleCommands } from './commands/scheduleCommands';
import { registerEndpointCommands } from './commands/endpointCommands';
import { registerAnalyzeLocallyCommands } from './commands/analyzeLocallyCommands';
import { createAwsBackend } from './connections/awsBackendFactory';
import { ThisMachineRegistry } from './connections/thisMachineRegistry';
import { AwsClientFactory } from './monitoring/aws/clientFactory';
import type { Logger } from './monitoring/logger';

/** What activate() returns: the tree's data, for the integration tests. */
export interface ExtensionApi {
  endpointsTree: vscode.TreeDataProvider<unknown>;
  /** The Endpoints view (its badge counts monitors whose latest execution found violations). */
  endpointsView: vscode.TreeView<unknown>;
  /** What a reload does to a saved panel of ours (its serializer): reopens it from its state, and returns it. */
  restorePanel(viewType: string, panel: vscode.WebviewPanel, state: unknown): unknown;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = vscode.window.createOutputChannel('SageMaker Model Monitor', { log: true });
  const log: Logger = {
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const awsClients = new AwsClientFactory({ extensionVersion: version, logger: log });
  const registry = new ConnectionRegistry(
    log,
    (setting) => createAwsBackend(setting, awsClients, log),
    builtInDemoRoot(context),
  );
  const tree = new EndpointsTreeProvider(registry, log);
  const view = vscode.window.createTreeView('sagemakerModelMonitor.endpoints', { treeDataProvider: tree, showCollapseAll: true });
  const badge = new ViolationBadge(registry, view, log);
  // The monitors that run on this machine for AWS endpoints: the tree, Analyze Locally and the charts all read them.
  const thisMachine = new ThisMachineRegistry(context.globalStorageUri.fsPath, registry, log);
  const restorers: Record<string, PanelRestorer> = {};

  context.subscriptions.push(
    channel,
    { dispose: () => awsClients.dispose() },
    registry,
    tree,
    view,
    badge,
    thisMachine,
    tree.onDidReload(() => badge.update()),
    vscode.commands.registerCommand('sagemakerModelMonitor.showLog', () => channel.show()),
    ...registerExplorerCommands(context.extensionUri, tree, log),
    ...registerConnectionCommands(context, registry, log),
    ...registerLocalCommands(registry, log),
    ...registerMonitorCommands(tree, log),
    ...registerChartCommands(context, registry, log, thisMachine, restorers),
    ...registerDataCaptureCommands(registry, tree, log),
    ...registerCapturedDataCommands(context.extensionUri, registry, log),
    ...registerBaselineCommands(registry, log),
    ...registerScheduleWizardCommands(context.extensionUri, registry, tree, log, view),
    ...registerScheduleCommands(registry, tree, log),
    ...registerEndpointCommands(registry, tree, log),
    ...registerAnalyzeLocallyCommands(context, tree, log, thisMachine),
  );
  log.info(`Activated ${version} with ${registry.connections.length} connection(s)`);
  return { endpointsTree: tree, endpointsView: view, restorePanel: (viewType, panel, state) => restorers[viewType]?.(panel, state) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
