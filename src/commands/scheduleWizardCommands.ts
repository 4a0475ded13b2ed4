import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import type { ExplorerNode } from '../explorer/explorerNode';
import { ConnectionNode } from '../explorer/nodes/connectionNode';
import { EndpointNode } from '../explorer/nodes/endpointNode';
import type { Logger } from '../monitoring/logger';
import type { WizardMonitorType } from '../monitoring/wizard/monitorForm';
import { parseMonitorForm } from '../panels/scheduleWizardProtocol';
import { SCHEDULE_WIZARD_VIEW_TYPE, ScheduleWizardPanel, submitMonitorForm, type WizardDeps } from '../panels/scheduleWizardPanel';

/** *Create Data Quality Monitor…* and *Create Model Quality Monitor…*: the schedule wizard, from the palette or an endpoint. */
export function registerScheduleWizardCommands(extensionUri: vscode.Uri, registry: ConnectionRegistry, tree: EndpointsTreeProvider, log: Logger, view?: vscode.TreeView<ExplorerNode>): vscode.Disposable[] {
  const deps: WizardDeps = { extensionUri, registry, tree, view, log };
  const open = (type: WizardMonitorType) => async (node?: unknown) => {
    const connection = node instanceof EndpointNode || node instanceof ConnectionNode ? node.connection : await pickConnection(registry);
    if (!connection) return;
    ScheduleWizardPanel.open(deps, connection, type, node instanceof EndpointNode ? node.name : undefined);
  };
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.createDataQualityMonitor', open('DataQuality')),
    vscode.commands.registerCommand('sagemakerModelMonitor.createModelQualityMonitor', open('ModelQuality')),
    // The wizard's Create without the webview: a saved form (as the wizard keeps it) submitted to a connection.
    vscode.commands.registerCommand('sagemakerModelMonitor.createMonitorFromForm', async (connectionId?: unknown, raw?: unknown) => {
      const connection = typeof connectionId === 'string' ? registry.get(connectionId) : undefined;
      if (!connection) throw new Error(`No connection ${String(connectionId)}`);
      const form = parseMonitorForm(raw);
      if (!form) throw new Error('The form is not a schedule wizard form.');
      const schedule = await submitMonitorForm(deps, connection, form, (p) => log.info(`Creating ${form.scheduleName}: ${p.message}`));
      return schedule.name;
    }),
    vscode.window.registerWebviewPanelSerializer(SCHEDULE_WIZARD_VIEW_TYPE, ScheduleWizardPanel.serializer(deps)),
  ];
}

async function pickConnection(registry: ConnectionRegistry): Promise<Connection | undefined> {
  const all = registry.connections;
  if (all.length === 0) {
    void vscode.window.showInformationMessage('Add a connection first: an AWS profile, a local workspace, or the Abalone Demo.', 'Open the Abalone Demo').then((choice) => {
      if (choice) void vscode.commands.executeCommand('sagemakerModelMonitor.openDemoWorkspace');
    });
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.label, description: c.description, connection: c })),
    { title: 'Create the monitor in which connection?' },
  );
  return picked?.connection;
}
