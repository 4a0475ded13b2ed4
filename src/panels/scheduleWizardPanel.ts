import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { open as openFile } from 'node:fs/promises';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import type { ExplorerNode } from '../explorer/explorerNode';
import { AwsBackend } from '../monitoring/aws/awsBackend';
import { analyzerImageUri } from '../monitoring/aws/analyzerImage';
import type { Logger } from '../monitoring/logger';
import type { Schedule } from '../monitoring/model';
import { ObjectStoreBackend } from '../monitoring/objectStoreBackend';
import { CreationError, createMonitor, type CreationProgress } from '../monitoring/wizard/createMonitor';
import { refusedByModelMonitor } from '../monitoring/local/monitorPlacement';
import { defaultForm, type MonitorForm, type WizardMonitorType } from '../monitoring/wizard/monitorForm';
import { planMonitor, FormInvalidError } from '../monitoring/wizard/monitorRequests';
import { datasetColumns } from '../monitoring/wizard/datasetColumns';
import { parseWizardFromWebview, parseWizardState, type WizardContext, type WizardState, type WizardToWebview } from './scheduleWizardProtocol';
import { webviewHtml } from './webviewHtml';

export const SCHEDULE_WIZARD_VIEW_TYPE = 'sagemakerModelMonitor.scheduleWizard';

export interface WizardDeps {
  extensionUri: vscode.Uri;
  registry: ConnectionRegistry;
  tree: EndpointsTreeProvider;
  /** The Endpoints view, where a created monitor is revealed. */
  view?: vscode.TreeView<ExplorerNode>;
  log: Logger;
}

const TITLES: Record<WizardMonitorType, string> = { DataQuality: 'Create Data Quality Monitor', ModelQuality: 'Create Model Quality Monitor' };
const MAX_MESSAGE = 4000;
const clip = (s: string): string => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s);

/** The analyzer image a connection's managed jobs name ('' for a local workspace). */
function imageUriOf(connection: Connection): string {
  if (!(connection.backend instanceof AwsBackend)) return '';
  try {
    return analyzerImageUri(connection.backend.region);
  } catch {
    // The region has no analyzer: the form still opens; creating says why it cannot run there.
    return '';
  }
}

/**
 * Creates the monitor a form describes in a connection: the same steps whether the wizard's Create
 * button or another caller submits it. Local schedules that are due run at once.
 */
export async function submitMonitorForm(deps: WizardDeps, connection: Connection, form: MonitorForm, progress: (update: CreationProgress) => void, signal?: AbortSignal): Promise<Schedule> {
  const plan = planMonitor(form, { imageUri: imageUriOf(connection) || 'unavailable' });
  if (connection.kind === 'aws' && !imageUriOf(connection) && form.runsOn === 'managed') {
    throw new CreationError('jobDefinition', 'SageMaker’s Model Monitor analyzer is not published in this connection’s region.');
  }
  // "Where it runs: this machine" on an AWS endpoint: the monitor goes into this machine's store for that connection.
  const placed = connection.kind === 'aws' && form.runsOn === 'thisMachine' ? await deps.tree.thisMachineConnection?.(connection, form.endpointName) : undefined;
  const target = placed ?? connection;
  const backend = target.backend;
  let schedule: Schedule;
  try {
    schedule = await createMonitor(backend, plan, {
      readFile: async (path) => readFile(path),
      files: backend instanceof ObjectStoreBackend ? backend.files : undefined,
      progress,
      pollMs: target.kind === 'local' ? 250 : 5000,
      signal,
    });
  } catch (e) {
    if (e instanceof CreationError && refusedByModelMonitor(e.original)) {
      throw new CreationError(e.step, `${e.reason} It can run on this machine instead (Where it runs: This machine), with everything you entered kept.`, e.original);
    }
    throw e;
  }
  deps.log.info(`Created ${plan.jobDefinition.type} monitor ${schedule.name} on ${plan.jobDefinition.input.kind === 'Endpoint' ? plan.jobDefinition.input.endpointName : 'batch'} (${target.id})`);
  await target.runtime?.runDueExecutions().catch((e: unknown) => deps.log.warn(`Running due local executions failed: ${e instanceof Error ? e.message : String(e)}`));
  deps.tree.reloadConnection(connection);
  if (plan.jobDefinition.input.kind === 'Endpoint') await revealMonitor(deps, connection, plan.jobDefinition.input.endpointName, schedule.name);
  return schedule;
}

/** Selects the new monitor in the Endpoints view; the monitor exists either way, so a failure is only logged. */
async function revealMonitor(deps: WizardDeps, connection: Connection, endpointName: string, scheduleName: string): Promise<void> {
  if (!deps.view) return;
  try {
    const node = await deps.tree.findMonitor(connection.id, endpointName, scheduleName);
    if (!node) throw new Error(`it is not listed under ${endpointName}`);
    await deps.view.reveal(node, { select: true, focus: true, expand: false });
  } catch (e) {
    deps.log.warn(`Revealing the new monitor ${scheduleName} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** One wizard per monitor being created; each is its own tab, restored after a reload. */
export class ScheduleWizardPanel {
  static open(deps: WizardDeps, connection: Connection, type: WizardMonitorType, endpointName?: string): ScheduleWizardPanel {
    const panel = vscode.window.createWebviewPanel(SCHEDULE_WIZARD_VIEW_TYPE, TITLES[type], vscode.ViewColumn.Active, ScheduleWizardPanel.options(deps.extensionUri));
    return new ScheduleWizardPanel(deps, panel, { connectionId: connection.id, type, endpointName });
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // The webview keeps its own state (setState); a hidden tab may be unloaded.
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  static serializer(deps: WizardDeps): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, raw: unknown) => {
        const state = parseWizardState(raw);
        if (!state) {
          deps.log.warn('A schedule wizard could not be restored: its saved form is not readable.');
          panel.dispose();
          return;
        }
        panel.webview.options = ScheduleWizardPanel.options(deps.extensionUri);
        new ScheduleWizardPanel(deps, panel, { connectionId: state.connectionId, type: state.form.type, restored: state });
      },
    };
  }

  private disposed = false;
  private creating = false;
  private readonly abort = new AbortController();

  private constructor(
    private readonly deps: WizardDeps,
    readonly panel: vscode.WebviewPanel,
    private readonly opening: { connectionId: string; type: WizardMonitorType; endpointName?: string; restored?: WizardState },
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activitybar.svg');
    panel.title = TITLES[opening.type];
    panel.onDidDispose(() => {
      this.disposed = true;
      this.abort.abort();
    });
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, { script: 'scheduleWizard', title: panel.title });
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWizardFromWebview(raw);
      if (!message) {
        deps.log.warn(`Ignored an unexpected message from the schedule wizard: ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      const fail = (what: string) => (e: unknown) => deps.log.error(`Schedule wizard: ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
      switch (message.type) {
        case 'ready':
          void this.init().catch(fail('opening'));
          break;
        case 'readColumns':
          void this.readColumns(message.location, message.format).catch(fail('reading the dataset header'));
          break;
        case 'browseDataset':
          void this.browse().catch(fail('choosing a dataset'));
          break;
        case 'create':
          void this.create(message.form).catch(fail('creating the monitor'));
          break;
      }
    });
  }

  private get connection(): Connection | undefined {
    return this.deps.registry.get(this.opening.connectionId);
  }

  private async post(message: WizardToWebview): Promise<void> {
    if (!this.disposed) await this.panel.webview.postMessage(message);
  }

  private async init(): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      await this.post({ type: 'failed', message: `The connection ${this.opening.connectionId} is no longer configured; add it again to create this monitor. Your form is kept.` });
      if (this.opening.restored) await this.post({ type: 'init', ...this.restoredInit(this.opening.restored) });
      return;
    }
    const context = await this.context(connection);
    if (this.opening.restored) {
      await this.post({ type: 'init', form: this.opening.restored.form, context, step: this.opening.restored.step });
      return;
    }
    const endpointName = this.opening.endpointName ?? context.endpoints[0] ?? '';
    const captureDestination = endpointName
      ? await connection.backend.describeEndpoint(endpointName).then(
          (e) => e.dataCapture?.destinationS3Uri,
          () => undefined,
        )
      : undefined;
    const form = defaultForm({
      type: this.opening.type,
      target: connection.kind,
      endpointName,
      captureDestination,
      roleArn: context.roles[0],
      now: new Date(),
    });
    await this.post({ type: 'init', form, context, step: 'schedule' });
  }

  private restoredInit(state: WizardState): { form: MonitorForm; context: WizardContext; step: WizardState['step'] } {
    return {
      form: state.form,
      step: state.step,
      context: { connectionId: state.connectionId, connectionLabel: state.connectionId, imageUri: '', endpoints: [], roles: [], existingScheduleNames: [] },
    };
  }

  /** Endpoints, the roles of the connection's job definitions, and the schedule names already taken. */
  private async context(connection: Connection): Promise<WizardContext> {
    const backend = connection.backend;
    const [endpoints, schedules] = await Promise.all([
      backend.listEndpoints({ maxResults: 100 }).then((p) => p.items.map((e) => e.name)).catch(() => []),
      backend.listSchedules({ maxResults: 100 }).then((p) => p.items).catch(() => []),
    ]);
    const definitions = schedules.filter((s) => s.jobDefinitionName && s.type).slice(0, 20);
    const roles = await Promise.all(
      definitions.map((s) =>
        backend.describeJobDefinition(s.jobDefinitionName ?? '', s.type ?? 'DataQuality').then(
          (d) => d.roleArn,
          () => undefined,
        ),
      ),
    );
    return {
      connectionId: connection.id,
      connectionLabel: connection.label,
      imageUri: imageUriOf(connection),
      endpoints,
      roles: [...new Set(roles.filter((r): r is string => !!r))],
      existingScheduleNames: schedules.map((s) => s.name),
    };
  }

  private async readColumns(location: string, format: MonitorForm['datasetFormat']): Promise<void> {
    const connection = this.connection;
    let line: string | undefined;
    try {
      if (location.startsWith('s3://')) {
        const backend = connection?.backend;
        if (!(backend instanceof ObjectStoreBackend)) throw new Error('this connection cannot read S3 objects');
        line = await backend.files.readFirstLine(location);
        if (line === undefined) throw new Error(`there is no object at ${location}`);
      } else {
        line = await firstLineOfFile(location);
      }
      await this.post({ type: 'columns', location, columns: datasetColumns(line, format) });
    } catch (e) {
      await this.post({ type: 'columns', location, error: clip(`The dataset's header could not be read: ${e instanceof Error ? e.message : String(e)}`) });
    }
  }

  private async browse(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Use as baseline dataset',
      filters: { 'CSV or JSON Lines': ['csv', 'jsonl', 'json', 'txt'], 'All files': ['*'] },
    });
    if (picked?.[0]) await this.post({ type: 'datasetPicked', path: picked[0].fsPath });
  }

  private async create(form: MonitorForm): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      await this.post({ type: 'failed', message: `The connection ${this.opening.connectionId} is no longer configured. Your form is kept.` });
      return;
    }
    if (this.creating) return;
    this.creating = true;
    try {
      const schedule = await submitMonitorForm(this.deps, connection, form, (p) => void this.post({ type: 'progress', step: p.step, message: clip(p.message) }), this.abort.signal);
      const message = `Created monitor ${schedule.name} (${schedule.status}) on ${connection.label}.`;
      await this.post({ type: 'created', scheduleName: schedule.name, message });
      await vscode.commands.executeCommand('sagemakerModelMonitor.endpoints.focus');
      void vscode.window.showInformationMessage(message);
    } catch (e) {
      if (e instanceof FormInvalidError) {
        await this.post({ type: 'failed', message: clip(e.problems.join('\n')) });
      } else if (e instanceof CreationError) {
        this.deps.log.error(`${e.message}`);
        // Refused because the account is not admitted to Model Monitor: the same form can run on this machine.
        const offer = connection.kind === 'aws' && form.runsOn === 'managed' && refusedByModelMonitor(e.original);
        await this.post({ type: 'failed', step: e.step, message: clip(e.message), ...(offer ? { offer: 'thisMachine' as const } : {}) });
      } else {
        throw e;
      }
    } finally {
      this.creating = false;
    }
  }
}

async function firstLineOfFile(path: string): Promise<string> {
  const handle = await openFile(path, 'r');
  try {
    const buffer = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0].replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}
