import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import { EndpointNode } from '../explorer/nodes/endpointNode';
import { MonitorNode } from '../explorer/nodes/monitorNode';
import { consoleUrl } from '../monitoring/aws/consoleUrls';
import { deleteEndpoint, endpointDeletionConfirmation, planEndpointDeletion } from '../monitoring/cleanup';
import type { Logger } from '../monitoring/logger';
import type { EndpointSummary } from '../monitoring/model';
import { isMonitoringError } from '../monitoring/errors';
import { confirmModal, statusMessage, type ConfirmOptions } from './confirm';
import { reportError } from './reportError';

/** What Copy ARN and Open in AWS Console act on: an endpoint's or a monitor's row. */
function resourceOf(node: unknown): { connection: Connection; name: string; arn: string; what: string } | undefined {
  if (node instanceof EndpointNode) return { connection: node.connection, name: node.name, arn: node.arn, what: 'endpoint' };
  if (node instanceof MonitorNode) return { connection: node.connection, name: node.schedule.name, arn: node.schedule.arn, what: 'monitoring schedule' };
  return undefined;
}

/** Copy ARN, Open in AWS Console and Delete Endpoint…: the rest of Studio's endpoint page. */
export function registerEndpointCommands(registry: ConnectionRegistry, tree: EndpointsTreeProvider, log: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.copyArn', async (node?: unknown) => {
      const resource = resourceOf(node);
      if (!resource) {
        void vscode.window.showInformationMessage('Choose an endpoint or a monitor in the Endpoints view to copy its ARN.');
        return;
      }
      await vscode.env.clipboard.writeText(resource.arn);
      statusMessage(`Copied the ARN of ${resource.name}`);
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.openInConsole', async (node?: unknown) => {
      const resource = resourceOf(node);
      if (!resource) {
        void vscode.window.showInformationMessage('Choose an endpoint or a monitor of an AWS connection in the Endpoints view to open it in the AWS console.');
        return;
      }
      if (resource.connection.kind !== 'aws') {
        void vscode.window.showInformationMessage(`${resource.name} is in a local workspace: it has no page in the AWS console.`);
        return;
      }
      const url = consoleUrl(resource.arn, resource.name);
      if (!url) {
        void vscode.window.showWarningMessage(`No AWS console page is known for ${resource.arn}.`);
        return;
      }
      log.info(`Opening ${url}`);
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.deleteEndpoint', async (node?: unknown, options?: ConfirmOptions) => {
      const target = node instanceof EndpointNode ? { connection: node.connection, name: node.name } : await pickEndpoint(registry);
      if (!target) return;
      const { connection, name } = target;
      try {
        const serving = connection.runtime?.isServing(name) ?? false;
        const plan = await planEndpointDeletion(connection.backend, name, { stopsLocalServer: serving });
        if (!(await confirmModal(endpointDeletionConfirmation(plan), options))) return;
        const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting ${name}` }, async (progress) => {
          if (serving) {
            progress.report({ message: 'Stopping its local server' });
            await connection.runtime?.stopEndpoint(name);
          }
          return deleteEndpoint(connection.backend, plan, { onStep: (message) => progress.report({ message }) });
        });
        log.info(`Deleted ${outcome.deleted.join(', ')} (${connection.id})`);
        for (const warning of outcome.warnings) {
          log.warn(warning);
          void vscode.window.showWarningMessage(warning);
        }
        statusMessage(`Deleted ${name}${plan.schedules.length ? ` and ${plan.schedules.length} schedule${plan.schedules.length === 1 ? '' : 's'}` : ''}`);
        tree.reloadConnection(connection);
        void followWhileDeleting(connection, name, tree, log);
      } catch (e) {
        reportError(log, `Deleting ${name}`, e);
        tree.reloadConnection(connection);
      }
    }),
  ];
}

/** How long the tree follows an endpoint SageMaker shows as Deleting (a few minutes on AWS). */
const DELETING_POLL_MS = 2_000;
const DELETING_POLL_LIMIT = 300;

/** SageMaker lists a deleted endpoint as Deleting for a while: redraw its connection once it is gone. */
async function followWhileDeleting(connection: Connection, name: string, tree: EndpointsTreeProvider, log: Logger): Promise<void> {
  for (let i = 0; i < DELETING_POLL_LIMIT; i++) {
    try {
      const status = (await connection.backend.describeEndpoint(name)).status;
      if (status !== 'Deleting') {
        if (i > 0) tree.reloadConnection(connection);
        return;
      }
    } catch (e) {
      if (!(isMonitoringError(e) && e.kind === 'NotFound')) log.warn(`Following the deletion of ${name}: ${e instanceof Error ? e.message : String(e)}`);
      if (i > 0) tree.reloadConnection(connection);
      return;
    }
    await new Promise((r) => setTimeout(r, DELETING_POLL_MS));
  }
}

async function pickEndpoint(registry: ConnectionRegistry): Promise<{ connection: Connection; name: string } | undefined> {
  const failures: string[] = [];
  const items = (async () => {
    const lists = await Promise.all(
      registry.connections.map(async (connection) => {
        try {
          const all: EndpointSummary[] = [];
          let nextToken: string | undefined;
          do {
            const page = await connection.backend.listEndpoints({ maxResults: 100, ...(nextToken ? { nextToken } : {}) });
            all.push(...page.items);
            nextToken = page.nextToken;
          } while (nextToken);
          return all.map((e) => ({ label: e.name, description: e.status, detail: connection.label, connection }));
        } catch (e) {
          failures.push(`${connection.label}: ${e instanceof Error ? e.message : String(e)}`);
          return [];
        }
      }),
    );
    return lists.flat();
  })();
  const picked = await vscode.window.showQuickPick(items, { title: 'Delete Endpoint', placeHolder: 'The endpoint to delete (you confirm what goes next)', matchOnDetail: true });
  if (failures.length) void vscode.window.showWarningMessage(`Some connections could not list their endpoints: ${failures.join('; ')}`);
  return picked ? { connection: picked.connection, name: picked.label } : undefined;
}
