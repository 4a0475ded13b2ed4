import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Connection } from './connection';
import type { Logger } from '../monitoring/logger';
import { LocalBackend } from '../monitoring/local/localBackend';
import { LocalRuntime } from './localRuntime';
import { WORKSPACE_MARKER_FILE } from '../monitoring/local/workspaceLayout';
import type { WorkspaceTrust } from './workspaceTrust';

const SECTION = 'sagemakerModelMonitor';

export interface AwsConnectionSetting {
  profile: string;
  region?: string;
  /** URLs replacing AWS's endpoints (VPC interface endpoints, a local emulator). */
  endpoints?: { sagemaker?: string; s3?: string };
}

/**
 * The connections the explorer shows, derived from the settings and the open workspace folders. It
 * keeps one backend per connection and rebuilds the list when either changes.
 */
export class ConnectionRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly runtimeChanged = new vscode.EventEmitter<Connection>();
  /** A local workspace's servers started or stopped, or its scheduler ran an execution. */
  readonly onDidChangeRuntime = this.runtimeChanged.event;
  private current = new Map<string, Connection>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly log: Logger,
    private readonly createAwsBackend: (setting: AwsConnectionSetting) => Connection['backend'] | undefined,
    /** Where "Open the Abalone Demo" builds its workspace, so the tree can call it the built-in demo. */
    private readonly builtInDemoRoot: string,
    /** Restricted Mode: local workspaces are shown, but their runtimes run nothing until trust is granted. */
    private readonly trust: WorkspaceTrust = vscode.workspace,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.localWorkspaces`) || e.affectsConfiguration(`${SECTION}.awsConnections`)) this.reload();
        if (e.affectsConfiguration(`${SECTION}.runLocalScheduler`)) for (const c of this.current.values()) this.applySchedulerSetting(c);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload()),
    );
    this.reload();
  }

  get connections(): Connection[] {
    return [...this.current.values()];
  }

  get(id: string): Connection | undefined {
    return this.current.get(id);
  }

  /** Recomputes the list, keeping the backends of connections that did not change. */
  reload(): void {
    const next = new Map<string, Connection>();
    for (const c of this.localConnections()) next.set(c.id, this.current.get(c.id) ?? c.create());
    for (const c of this.awsConnections()) {
      const existing = this.current.get(c.id);
      if (existing) next.set(c.id, existing);
      else {
        const created = c.create();
        if (created) next.set(c.id, created);
      }
    }
    for (const [id, old] of this.current) if (!next.has(id)) this.disposeConnection(old);
    for (const [id, c] of next) if (!this.current.has(id)) this.applySchedulerSetting(c);
    this.current = next;
    void vscode.commands.executeCommand('setContext', 'sagemakerModelMonitor.noConnections', next.size === 0);
    this.changed.fire();
  }

  async addLocalWorkspace(folder: string): Promise<void> {
    // Only the user's own list is written back: the effective value also holds the workspace's entries.
    const folders = userValue<string[]>('localWorkspaces');
    const effective = vscode.workspace.getConfiguration(SECTION).get<string[]>('localWorkspaces', []);
    if (!effective.map((f) => resolve(f)).includes(resolve(folder))) {
      await vscode.workspace.getConfiguration(SECTION).update('localWorkspaces', [...folders, folder], vscode.ConfigurationTarget.Global);
    }
    this.reload();
  }

  async addAwsConnection(profile: string, region: string | undefined): Promise<void> {
    const list = userValue<AwsConnectionSetting[]>('awsConnections');
    const effective = vscode.workspace.getConfiguration(SECTION).get<AwsConnectionSetting[]>('awsConnections', []);
    if (!effective.some((c) => c.profile === profile && c.region === region)) {
      await vscode.workspace.getConfiguration(SECTION).update('awsConnections', [...list, { profile, ...(region ? { region } : {}) }], vscode.ConfigurationTarget.Global);
    }
    this.reload();
  }

  /**
   * Removes a connection from every settings level that lists it (user, workspace, folder), writing
   * each level's own list without the entry; the folder or the AWS account is left untouched.
   */
  async remove(connection: Connection): Promise<void> {
    const key = connection.kind === 'local' ? 'localWorkspaces' : 'awsConnections';
    const matches = (entry: unknown): boolean =>
      connection.kind === 'local' ? typeof entry === 'string' && resolve(entry) === connection.root : awsId(entry as AwsConnectionSetting) === connection.id;
    const config = vscode.workspace.getConfiguration(SECTION);
    const inspected = config.inspect<unknown[]>(key);
    const levels: [unknown[] | undefined, vscode.ConfigurationTarget][] = [
      [inspected?.globalValue, vscode.ConfigurationTarget.Global],
      [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
      [inspected?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
    ];
    for (const [value, target] of levels) {
      if (Array.isArray(value) && value.some(matches)) await config.update(key, value.filter((entry) => !matches(entry)), target);
    }
    this.reload();
  }

  private localConnections(): { id: string; create: () => Connection }[] {
    const fromSettings = vscode.workspace
      .getConfiguration(SECTION)
      .get<string[]>('localWorkspaces', [])
      .map((f) => ({ root: resolve(f), source: 'settings' as const }));
    const fromFolders = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file' && existsSync(join(f.uri.fsPath, WORKSPACE_MARKER_FILE)))
      .map((f) => ({ root: resolve(f.uri.fsPath), source: 'workspaceFolder' as const }));
    const seen = new Set<string>();
    const { builtInDemoRoot, trust } = this;
    return [...fromFolders, ...fromSettings]
      .filter(({ root }) => !seen.has(root) && seen.add(root))
      .map(({ root, source }) => ({
        id: `local:${root}`,
        create: () => {
          const backend = new LocalBackend(root, { logger: this.log });
          const connection: Connection = {
            id: `local:${root}`,
            kind: 'local' as const,
            label: workspaceName(root),
            // A getter: the tree shows the current trust state when it redraws after a grant.
            get description() {
              const kind = !existsSync(join(root, WORKSPACE_MARKER_FILE))
                ? 'Local workspace (not found)'
                : root === resolve(builtInDemoRoot)
                  ? 'Built-in demo'
                  : 'Local workspace';
              return trust.isTrusted ? kind : `${kind} · Restricted Mode: nothing runs`;
            },
            source,
            root,
            backend,
            runtime: new LocalRuntime(root, backend, this.log, () => this.runtimeChanged.fire(connection), trust),
          };
          return connection;
        },
      }));
  }

  private awsConnections(): { id: string; create: () => Connection | undefined }[] {
    return vscode.workspace
      .getConfiguration(SECTION)
      .get<AwsConnectionSetting[]>('awsConnections', [])
      .filter((c) => typeof c.profile === 'string' && c.profile.length > 0)
      .map((c) => ({
        id: awsId(c),
        create: () => {
          let backend: Connection['backend'] | undefined;
          try {
            backend = this.createAwsBackend(c);
          } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            this.log.error(message);
            void vscode.window.showErrorMessage(message, 'Open Settings').then((choice) => {
              if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.awsConnections`);
            });
          }
          if (!backend) return undefined;
          // The backend's id names the region it resolved (the setting's, else the profile's own).
          const region = backend.id.slice(backend.id.lastIndexOf('@') + 1);
          return {
            id: awsId(c),
            kind: 'aws' as const,
            label: c.profile,
            description: `AWS · ${region}${c.region ? '' : ' (profile)'}${c.endpoints?.sagemaker || c.endpoints?.s3 ? ' · custom endpoints' : ''}`,
            source: 'settings' as const,
            backend,
          };
        },
      }));
  }

  private applySchedulerSetting(c: Connection): void {
    if (!c.runtime) return;
    const run = vscode.workspace.getConfiguration(SECTION).get<boolean>('runLocalScheduler', true);
    if (run && existsSync(join(c.runtime.root, WORKSPACE_MARKER_FILE))) c.runtime.startScheduler();
    else void c.runtime.stopScheduler();
  }

  private disposeConnection(c: Connection): void {
    c.runtime?.dispose();
    c.backend.dispose();
  }

  dispose(): void {
    for (const c of this.current.values()) this.disposeConnection(c);
    this.runtimeChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** The user's own value of a list setting (not merged with the workspace's). */
function userValue<T extends unknown[]>(key: string): T {
  const value = vscode.workspace.getConfiguration(SECTION).inspect<T>(key)?.globalValue;
  return Array.isArray(value) ? value : ([] as unknown[] as T);
}

function awsId(c: AwsConnectionSetting): string {
  return `aws:${c.profile}@${c.region ?? ''}`;
}

/** The name in the workspace's marker file, else the folder's name. */
function workspaceName(root: string): string {
  try {
    const marker = JSON.parse(readFileSync(join(root, WORKSPACE_MARKER_FILE), 'utf8')) as { name?: unknown };
    if (typeof marker.name === 'string' && marker.name) return marker.name;
  } catch {
    // A missing or unreadable marker falls back to the folder name; the backend reports the details.
  }
  return basename(root);
}
