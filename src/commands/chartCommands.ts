import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { Connection } from '../connections/connection';
import type { ThisMachineRegistry } from '../connections/thisMachineRegistry';
import type { Logger } from '../monitoring/logger';
import { EndpointNode } from '../explorer/nodes/endpointNode';
import { MonitorNode } from '../explorer/nodes/monitorNode';
import { ChartsPanel, CHARTS_VIEW_TYPE, type ChartsPanelContext } from '../panels/chartsPanel';
import { ExecutionReportPanel, REPORT_VIEW_TYPE, executionFromState } from '../panels/executionReportPanel';
import { DigestCache } from '../panels/executionDigest';
import { reportError } from './reportError';

const OPEN_CHARTS = 'sagemakerModelMonitor.openCharts';

/** What a report panel calls to chart its endpoint: the command, so panels need not know the registry. */
export function openChartsCommand(connection: Connection, endpointName: string): void {
  void vscode.commands.executeCommand(OPEN_CHARTS, { connectionId: connection.id, endpointName });
}

/**
 * Which connection and endpoint to chart: from a tree node, a report, or asked of the user (palette).
 * A monitor on this machine charts its AWS endpoint, whose charts hold both kinds of monitors.
 */
async function chartTarget(registry: ConnectionRegistry, thisMachine: ThisMachineRegistry, arg: unknown): Promise<{ connection: Connection; endpointName: string } | undefined> {
  const charted = (connection: Connection): Connection => thisMachine.awsOf(connection.id) ?? connection;
  if (arg instanceof EndpointNode) return { connection: charted(arg.connection), endpointName: arg.name };
  if (arg instanceof MonitorNode) {
    const endpointName = arg.schedule.endpointName;
    return endpointName ? { connection: charted(arg.connection), endpointName } : undefined;
  }
  if (typeof arg === 'object' && arg !== null) {
    const { connectionId, endpointName } = arg as { connectionId?: unknown; endpointName?: unknown };
    const connection = typeof connectionId === 'string' ? (thisMachine.awsOf(connectionId) ?? registry.connections.find((c) => c.id === connectionId)) : undefined;
    if (connection && typeof endpointName === 'string') return { connection, endpointName };
  }
  const connections = registry.connections;
  if (!connections.length) {
    void vscode.window.showInformationMessage('Add a connection (AWS or a local workspace) first: there are no endpoints to chart.');
    return undefined;
  }
  const connection =
    connections.length === 1
      ? connections[0]
      : (await vscode.window.showQuickPick(connections.map((c) => ({ label: c.label, description: c.description, connection: c })), { title: 'Chart an endpoint: which connection?' }))?.connection;
  if (!connection) return undefined;
  const endpoints = (await connection.backend.listEndpoints({ maxResults: 100 })).items;
  if (!endpoints.length) {
    void vscode.window.showInformationMessage(`${connection.label} has no endpoints.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(endpoints.map((e) => ({ label: e.name, description: e.status })), { title: 'Chart which endpoint?' });
  return picked ? { connection, endpointName: picked.label } : undefined;
}

export function registerChartCommands(
  context: vscode.ExtensionContext,
  registry: ConnectionRegistry,
  log: Logger,
  thisMachine: ThisMachineRegistry,
  /** Filled with the restorers the serializers use, for the extension's API. */
  restorers: Record<string, PanelRestorer> = {},
): vscode.Disposable[] {
  const panels: ChartsPanelContext = {
    extensionUri: context.extensionUri,
    log,
    workspaceState: context.workspaceState,
    cache: new DigestCache(),
    openCharts: openChartsCommand,
    thisMachineOf: (connection) => thisMachine.entryFor(connection)?.connection,
  };
  // Reports of monitors on this machine name their pseudo-connection; it is found through its AWS connection.
  const connectionOf = (id: string) => thisMachine.connectionById(id);
  Object.assign(restorers, panelRestorers(panels, connectionOf));
  return [
    vscode.commands.registerCommand(OPEN_CHARTS, async (arg?: unknown) => {
      try {
        const target = await chartTarget(registry, thisMachine, arg);
        // The panel, for tests: what it charts once loaded (`shown`), and its points' reports (`openReport`).
        return target ? ChartsPanel.show(panels, target.connection, target.endpointName) : undefined;
      } catch (e) {
        reportError(log, 'Opening the charts', e);
        return undefined;
      }
    }),
    // Panels come back after a reload from what their webviews saved (setState), not retainContextWhenHidden.
    ...Object.entries(restorers).map(([viewType, restore]) =>
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          restore(panel, state);
          await Promise.resolve();
        },
      }),
    ),
  ];
}

/**
 * What VS Code's serializers do after a reload, by view type: reopen a panel from its webview's saved
 * state, or dispose of it when what it showed is gone (its connection removed). Returns the panel.
 */
export type PanelRestorer = (panel: vscode.WebviewPanel, state: unknown) => ChartsPanel | ExecutionReportPanel | undefined;

function panelRestorers(panels: ChartsPanelContext, connectionOf: (id: string) => Connection | undefined): Record<string, PanelRestorer> {
  return {
    [CHARTS_VIEW_TYPE]: (panel, state) => {
      const restore = (state as { restore?: { connectionId?: unknown; endpointName?: unknown } } | undefined)?.restore;
      const connection = typeof restore?.connectionId === 'string' ? connectionOf(restore.connectionId) : undefined;
      if (!connection || typeof restore?.endpointName !== 'string') {
        panel.dispose();
        return undefined;
      }
      return ChartsPanel.show(panels, connection, restore.endpointName, panel);
    },
    [REPORT_VIEW_TYPE]: (panel, state) => {
      const restored = executionFromState(state);
      const connection = restored ? connectionOf(restored.connectionId) : undefined;
      if (!restored || !connection) {
        panel.dispose();
        return undefined;
      }
      return ExecutionReportPanel.show(panels, connection, restored.execution, panel, { preview: restored.preview });
    },
  };
}
