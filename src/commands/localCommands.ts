import * as vscode from 'vscode';
import type { Logger } from '../monitoring/logger';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { Connection } from '../connections/connection';
import { EndpointNode } from '../explorer/nodes/endpointNode';
import { ConnectionNode } from '../explorer/nodes/connectionNode';
import { reportError } from './reportError';
import { statusMessage } from './confirm';

/** Commands that start and stop what runs locally: endpoint servers and demo traffic. */
export function registerLocalCommands(registry: ConnectionRegistry, log: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.startLocalEndpoint', async (node?: unknown) => {
      if (!(node instanceof EndpointNode) || !node.connection.runtime) return;
      try {
        const url = await node.connection.runtime.startEndpoint(node.name);
        void vscode.window.showInformationMessage(`${node.name} is serving at ${url}`);
      } catch (e) {
        reportError(log, `Starting ${node.name}`, e);
      }
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.stopLocalEndpoint', async (node?: unknown) => {
      if (!(node instanceof EndpointNode) || !node.connection.runtime) return;
      await node.connection.runtime.stopEndpoint(node.name).catch((e: unknown) => reportError(log, `Stopping ${node.name}`, e));
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.generateDemoTraffic', async (node?: unknown) => {
      const connection = await localConnectionFor(node, registry, 'Send demo traffic to which local workspace?');
      if (!connection?.runtime) return;
      try {
        await connection.runtime.startTraffic();
        void vscode.window.showInformationMessage(
          `Sending perturbed abalone requests to the demo endpoint of ${connection.label}. The local scheduler analyses each hour at its end; new executions appear in the tree.`,
          'Stop Demo Traffic',
        ).then((choice) => {
          if (choice) void vscode.commands.executeCommand('sagemakerModelMonitor.stopDemoTraffic');
        });
      } catch (e) {
        reportError(log, 'Generating demo traffic', e);
      }
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.stopDemoTraffic', async () => {
      const running = registry.connections.filter((c) => c.runtime?.trafficRunning);
      if (running.length === 0) {
        void vscode.window.showInformationMessage('No demo traffic is running.');
        return;
      }
      try {
        const stopped = await Promise.all(running.map(async (c) => ({ connection: c, result: await c.runtime?.stopTrafficAndItsServer() })));
        const text = stopped
          .map(({ connection, result }) =>
            result
              ? `${connection.label}: ${result.sent} requests sent${result.failed ? ` (${result.failed} failed)` : ''}${result.stillServing ? '; the endpoint still serves on 127.0.0.1' : ''}`
              : connection.label,
          )
          .join('; ');
        statusMessage(`Stopped demo traffic. ${text}`);
      } catch (e) {
        reportError(log, 'Stopping demo traffic', e);
      }
    }),
  ];
}

/** The local workspace of a tree node, or the only one there is, or the one the user picks. */
async function localConnectionFor(node: unknown, registry: ConnectionRegistry, title: string): Promise<Connection | undefined> {
  if (node instanceof EndpointNode || node instanceof ConnectionNode) return node.connection.kind === 'local' ? node.connection : undefined;
  const local = registry.connections.filter((c) => c.kind === 'local');
  if (local.length === 0) {
    void vscode.window.showInformationMessage('There is no local workspace: open the Abalone Demo first.', 'Open the Abalone Demo').then((choice) => {
      if (choice) void vscode.commands.executeCommand('sagemakerModelMonitor.openDemoWorkspace');
    });
    return undefined;
  }
  if (local.length === 1) return local[0];
  const picked = await vscode.window.showQuickPick(local.map((c) => ({ label: c.label, description: c.root, connection: c })), { title });
  return picked?.connection;
}
