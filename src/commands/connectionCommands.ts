import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { Logger } from '../monitoring/logger';
import { ConnectionNode } from '../explorer/nodes/connectionNode';
import { WORKSPACE_MARKER_FILE } from '../monitoring/local/workspaceLayout';
import { buildDemoWorkspace } from '../monitoring/demo/buildDemoWorkspace';
import { listAwsProfiles } from '../monitoring/aws/credentials';
import { reportError } from './reportError';

/** Where "Open the Abalone Demo" builds the demo workspace: the extension's own storage. */
export function builtInDemoRoot(context: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(context.globalStorageUri, 'abalone-demo').fsPath;
}

export function registerConnectionCommands(context: vscode.ExtensionContext, registry: ConnectionRegistry, log: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.addLocalWorkspace', async () => {
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        openLabel: 'Add Local Workspace',
        title: 'A folder laid out like S3, with a model-monitor-workspace.json',
      });
      const folder = picked?.[0]?.fsPath;
      if (!folder) return;
      if (!existsSync(join(folder, WORKSPACE_MARKER_FILE))) {
        void vscode.window.showWarningMessage(`${folder} has no ${WORKSPACE_MARKER_FILE}: it is not a local monitoring workspace. Open the Abalone Demo to see one.`);
        return;
      }
      // Updating settings fails when the user's settings.json cannot be parsed: say so instead of failing silently.
      await registry.addLocalWorkspace(folder).catch((e: unknown) => reportError(log, `Adding ${folder}`, e));
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.addAwsConnection', async () => {
      try {
        const profiles = await listAwsProfiles();
        if (profiles.length === 0) {
          void vscode.window.showWarningMessage('No AWS profiles found in ~/.aws/config or ~/.aws/credentials. Run `aws configure` or `aws configure sso` first.');
          return;
        }
        const profile = await vscode.window.showQuickPick(
          profiles.map((p) => ({ label: p.name, description: [p.kind, p.region].filter(Boolean).join(' · '), profile: p })),
          { title: 'Add AWS Connection: profile', placeHolder: 'An AWS profile' },
        );
        if (!profile) return;
        const region = await vscode.window.showInputBox({
          title: 'Add AWS Connection: region',
          value: profile.profile.region ?? 'us-east-1',
          prompt: 'The AWS Region of your endpoints',
          validateInput: (v) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) ? undefined : 'A region such as us-east-1 or eu-west-2'),
        });
        if (!region) return;
        await registry.addAwsConnection(profile.profile.name, region);
      } catch (e) {
        reportError(log, 'Adding an AWS connection', e);
      }
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.removeConnection', async (node?: unknown) => {
      if (!(node instanceof ConnectionNode)) return;
      await registry.remove(node.connection).catch((e: unknown) => reportError(log, `Removing ${node.connection.label}`, e));
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.openDemoWorkspace', async () => {
      const root = builtInDemoRoot(context);
      try {
        if (!existsSync(join(root, WORKSPACE_MARKER_FILE))) {
          await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'Building the Abalone demo workspace' },
            (progress) => buildDemoWorkspace(root, { onProgress: (message) => progress.report({ message }) }),
          );
        }
        await registry.addLocalWorkspace(root);
      } catch (e) {
        reportError(log, 'Building the demo workspace', e);
      }
    }),
  ];
}
