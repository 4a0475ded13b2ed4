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
import { statusMessage } from './confirm';
import { DEFAULT_REGION, REGION_PATTERN, regionChoices } from '../monitoring/aws/regions';

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
        const region = await pickRegion(profile.profile.name, profile.profile.region);
        if (!region) return;
        // The profile's own region is not written down: the connection follows the profile if it changes.
        await registry.addAwsConnection(profile.profile.name, region === profile.profile.region ? undefined : region);
        statusMessage(`Added the AWS connection ${profile.profile.name} (${region})`);
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

/**
 * The region for a new connection, from a list with the profile's own region first (us-east-1 when
 * it has none); a region not on the list can be typed.
 */
async function pickRegion(profile: string, profileRegion: string | undefined): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { code: string };
  const preferred = profileRegion ?? DEFAULT_REGION;
  const listed: Item[] = regionChoices(preferred).map((r) => ({
    label: r.code,
    description: r.code === profileRegion ? `${r.name} · the profile's region` : r.name,
    code: r.code,
  }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Add AWS Connection: region for ${profile}`;
  pick.placeholder = 'The AWS Region of your endpoints (type one that is not listed)';
  pick.matchOnDescription = true;
  pick.items = listed;
  pick.activeItems = listed.slice(0, 1);
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    const custom = REGION_PATTERN.test(typed) && !listed.some((i) => i.code === typed);
    pick.items = custom ? [{ label: typed, description: 'Use this region', code: typed }, ...listed] : listed;
  });
  try {
    return await new Promise<string | undefined>((resolvePick) => {
      pick.onDidAccept(() => resolvePick(pick.selectedItems[0]?.code));
      pick.onDidHide(() => resolvePick(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}
