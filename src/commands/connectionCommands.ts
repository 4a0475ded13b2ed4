import * as vscode from 'vscode';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { Logger } from '../monitoring/logger';
import { ConnectionNode } from '../explorer/nodes/connectionNode';
import { WORKSPACE_MARKER_FILE } from '../monitoring/local/workspaceLayout';
import { buildDemoWorkspace } from '../monitoring/demo/buildDemoWorkspace';
import { DEMO } from '../monitoring/demo/demoScenario';
import { listAwsProfiles, sharedFilePaths, type AwsProfile } from '../monitoring/aws/credentials';
import { CONFIG_TEMPLATE, profileFieldProblems, writeAccessKeyProfile, writeSsoProfile } from '../monitoring/aws/sharedFileProfiles';
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
        type ProfileItem = vscode.QuickPickItem & { profile?: AwsProfile; create?: 'keys' | 'sso' | 'edit' };
        const items: ProfileItem[] = [
          ...profiles.map((p) => ({ label: p.name, description: [p.kind, p.region].filter(Boolean).join(' · '), profile: p })),
          { label: 'New profile', kind: vscode.QuickPickItemKind.Separator },
          { label: '$(organization) New IAM Identity Center (SSO) profile…', detail: 'Sign in through your AWS access portal (aws sso login)', create: 'sso' },
          { label: '$(key) New profile with access keys…', detail: 'An access key ID and secret, written to the shared credentials file', create: 'keys' },
          { label: '$(edit) Edit the AWS config file…', detail: 'Opens the shared config file, with a template when it is empty', create: 'edit' },
        ];
        const choice = await vscode.window.showQuickPick(items, {
          title: 'Add AWS Connection: profile',
          placeHolder: profiles.length ? 'An AWS profile of the shared config and credentials files' : 'No AWS profiles yet: create one',
        });
        if (!choice) return;
        if (choice.create === 'edit') {
          await editConfigFile();
          return;
        }
        const created = choice.create ? await createProfile(choice.create) : undefined;
        const profile = choice.profile ? { profile: choice.profile } : created ? { profile: created } : undefined;
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
      // Already open (built in, or a demo folder opened as the workspace): show it rather than build another.
      const open = registry.connections.find((c) => c.kind === 'local' && (c.root === resolve(root) || c.label === DEMO.workspaceName) && c.root && existsSync(join(c.root, WORKSPACE_MARKER_FILE)));
      if (open) {
        await vscode.commands.executeCommand('sagemakerModelMonitor.endpoints.focus');
        statusMessage(`The Abalone demo is already open: ${open.label} (${open.description})`);
        return;
      }
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

async function ask(title: string, prompt: string, validate: (v: string) => string | undefined, options: { value?: string; password?: boolean } = {}): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({ title, prompt, value: options.value, password: options.password, ignoreFocusOut: true, validateInput: (v) => validate(v.trim()) });
  return value?.trim();
}

/** Asks for a new profile's fields, writes it to the shared files, and returns it (undefined when the user gave up). */
async function createProfile(kind: 'keys' | 'sso'): Promise<AwsProfile | undefined> {
  const paths = sharedFilePaths();
  const title = kind === 'keys' ? 'New AWS profile with access keys' : 'New IAM Identity Center (SSO) profile';
  const name = await ask(title, 'A name for the profile', profileFieldProblems.name, { value: kind === 'sso' ? 'sso' : 'default' });
  if (!name) return undefined;
  if (kind === 'keys') {
    const accessKeyId = await ask(title, 'Access key ID', profileFieldProblems.accessKeyId);
    if (!accessKeyId) return undefined;
    const secretAccessKey = await ask(title, 'Secret access key (written to the credentials file only, readable by you alone)', profileFieldProblems.secretAccessKey, { password: true });
    if (!secretAccessKey) return undefined;
    const region = await pickRegion(name, undefined);
    if (!region) return undefined;
    await writeAccessKeyProfile({ name, accessKeyId, secretAccessKey, region }, paths);
    statusMessage(`Wrote the profile ${name} to ${paths.credentialsFile}`);
    return { name, kind: 'static', region };
  }
  const startUrl = await ask(title, 'AWS access portal URL (start URL)', profileFieldProblems.startUrl, { value: 'https://' });
  if (!startUrl) return undefined;
  const ssoRegion = await ask(title, 'The Region of your IAM Identity Center', (v) => (REGION_PATTERN.test(v) ? undefined : 'A region such as us-east-1'), { value: DEFAULT_REGION });
  if (!ssoRegion) return undefined;
  const accountId = await ask(title, 'AWS account ID', profileFieldProblems.accountId);
  if (!accountId) return undefined;
  const roleName = await ask(title, 'Permission set (role) name', profileFieldProblems.roleName);
  if (!roleName) return undefined;
  const region = await pickRegion(name, ssoRegion);
  if (!region) return undefined;
  await writeSsoProfile({ name, startUrl, ssoRegion, accountId, roleName, region }, paths);
  const signIn = 'Sign In in a Terminal';
  void vscode.window.showInformationMessage(`Wrote the SSO profile ${name} to ${paths.configFile}. Sign in once with: aws sso login --profile ${name}`, signIn).then((picked) => {
    if (picked !== signIn) return;
    const terminal = vscode.window.createTerminal({ name: 'AWS sign-in' });
    terminal.show();
    terminal.sendText(`aws sso login --profile ${name}`);
  });
  return { name, kind: 'sso', region };
}

/** Opens the shared config file, creating it with a commented template when there is none. */
async function editConfigFile(): Promise<void> {
  const { configFile } = sharedFilePaths();
  if (!existsSync(configFile)) {
    mkdirSync(dirname(configFile), { recursive: true, mode: 0o700 });
    writeFileSync(configFile, CONFIG_TEMPLATE, { mode: 0o600, flag: 'wx' });
  }
  await vscode.window.showTextDocument(vscode.Uri.file(configFile));
  statusMessage('Save the file, then run Add AWS Connection again to pick the profile');
}
