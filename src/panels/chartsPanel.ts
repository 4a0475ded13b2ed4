import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ExecutionSummary, ScheduleSummary } from '../monitoring/model';
import type { DataQualityStatistics } from '../monitoring/formats/statistics';
import { isDataQualityStatistics } from '../monitoring/formats/statistics';
import type { Constraints } from '../monitoring/formats/constraints';
import { isDataQualityConstraints } from '../monitoring/formats/constraints';
import { mapWithConcurrency } from '../monitoring/concurrency';
import { DigestCache, digestExecution, scheduleBaseline, type ExecutionDigest, type ScheduleBaseline } from './executionDigest';
import { driftSettings } from './distributions';
import { defaultCharts, parseChartSpec, type ChartSpec } from './chartData';
import { parseChartsFromWebview, type ChartsToWebview } from './chartsProtocol';
import { webviewHtml } from './webviewHtml';
import { ExecutionReportPanel, type ReportPanelContext } from './executionReportPanel';

export const CHARTS_VIEW_TYPE = 'sagemakerModelMonitor.charts';

/** Executions read per schedule: a year of hourly runs. */
const MAX_EXECUTIONS_PER_SCHEDULE = 9000;
/** Reports read at once: enough to hide S3's latency, few enough not to be throttled. */
const READ_CONCURRENCY = 8;

export interface ChartsPanelContext extends ReportPanelContext {
  workspaceState: vscode.Memento;
  /** Shared by every charts panel: reopening an endpoint's charts reads no report twice. */
  cache: DigestCache;
}

/** One charts panel per endpoint; its chart set is saved per endpoint in the workspace state. */
export class ChartsPanel {
  private static readonly open = new Map<string, ChartsPanel>();

  static show(context: ChartsPanelContext, connection: Connection, endpointName: string, panel?: vscode.WebviewPanel): ChartsPanel {
    const key = `${connection.id}/${endpointName}`;
    const existing = ChartsPanel.open.get(key);
    if (existing && !panel) {
      existing.panel.reveal();
      return existing;
    }
    const webviewPanel = panel ?? vscode.window.createWebviewPanel(CHARTS_VIEW_TYPE, `Charts: ${endpointName}`, vscode.ViewColumn.Active, { enableScripts: true });
    webviewPanel.title = `Charts: ${endpointName}`;
    const created = new ChartsPanel(webviewPanel, context, connection, endpointName);
    ChartsPanel.open.set(key, created);
    webviewPanel.onDidDispose(() => {
      if (ChartsPanel.open.get(key) === created) ChartsPanel.open.delete(key);
    });
    return created;
  }

  private disposed = false;
  private loads = 0;
  private executions: ExecutionSummary[] = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: ChartsPanelContext,
    private readonly connection: Connection,
    private readonly endpointName: string,
  ) {
    const { extensionUri } = context;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    panel.onDidDispose(() => (this.disposed = true));
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] };
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { script: 'charts', title: panel.title });
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseChartsFromWebview(raw);
      if (!message) {
        this.context.log.warn(`Ignored an unexpected message from the charts webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      switch (message.type) {
        case 'ready':
        case 'refresh':
          void this.load().catch((e: unknown) => this.context.log.error(`Charting ${endpointName} failed: ${e instanceof Error ? e.message : String(e)}`));
          break;
        case 'saveCharts':
          void this.context.workspaceState.update(this.stateKey, message.charts);
          break;
        case 'openReport': {
          const execution = this.executions.find((e) => e.scheduleName === message.scheduleName && e.scheduledTime.getTime() === message.time);
          if (execution) ExecutionReportPanel.show(this.context, this.connection, execution);
          break;
        }
        case 'exportCsv':
          void this.export(message.fileName, Buffer.from(message.csv, 'utf8'), { CSV: ['csv'] });
          break;
        case 'exportPng':
          void this.export(message.fileName, Buffer.from(message.dataUrl.slice(message.dataUrl.indexOf(',') + 1), 'base64'), { 'PNG image': ['png'] });
          break;
      }
    });
  }

  private get stateKey(): string {
    return `sagemakerModelMonitor.charts/${this.connection.id}/${this.endpointName}`;
  }

  private savedCharts(): ChartSpec[] | undefined {
    const saved = this.context.workspaceState.get<unknown>(this.stateKey);
    if (!Array.isArray(saved)) return undefined;
    const charts = saved.map(parseChartSpec).filter((c): c is ChartSpec => c !== undefined);
    return charts.length ? charts : undefined;
  }

  private async post(message: ChartsToWebview): Promise<void> {
    if (!this.disposed) await this.panel.webview.postMessage(message);
  }

  private async export(fileName: string, bytes: Buffer, filters: Record<string, string[]>): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined, filters, saveLabel: 'Export' });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Saved ${target.fsPath}`);
  }

  /** Every execution of the endpoint's data- and model-quality schedules, their digests (cached), and the baselines' thresholds. */
  private async load(): Promise<void> {
    const load = ++this.loads;
    const backend = this.connection.backend;
    try {
      const schedules: ScheduleSummary[] = [];
      let token: string | undefined;
      do {
        const page = await backend.listSchedules({ endpointName: this.endpointName, nextToken: token });
        schedules.push(...page.items.filter((s) => s.type === 'DataQuality' || s.type === 'ModelQuality'));
        token = page.nextToken;
      } while (token);
      const executions: ExecutionSummary[] = [];
      const baselines: ScheduleBaseline[] = [];
      const dqBaselines = new Map<string, { statistics?: DataQualityStatistics; constraints?: Constraints }>();
      await mapWithConcurrency(schedules, 4, async (s) => {
        const [list, baseline] = await Promise.all([this.listExecutions(s.name), this.readBaseline(s)]);
        executions.push(...list);
        dqBaselines.set(s.name, baseline);
        baselines.push(scheduleBaseline(s.name, s.type, baseline.statistics, baseline.constraints));
      });
      this.executions = executions;
      await this.post({ type: 'loading', endpointName: this.endpointName, done: 0, total: executions.length });
      const { digests, errors } = await this.context.cache.digests(
        backend.id,
        executions,
        (e) => backend.readExecutionReports(e),
        (e, reports): ExecutionDigest => {
          const b = dqBaselines.get(e.scheduleName);
          const c = b?.constraints && isDataQualityConstraints(b.constraints) ? b.constraints : undefined;
          return digestExecution(e, reports, { statistics: b?.statistics, settings: driftSettings(c?.monitoring_config?.distribution_constraints) });
        },
        READ_CONCURRENCY,
      );
      if (load !== this.loads) return;
      for (const error of errors.slice(0, 20)) this.context.log.warn(`Charts of ${this.endpointName}: ${error}`);
      const data = { endpointName: this.endpointName, baselines, executions: digests };
      await this.post({ type: 'data', data, charts: this.savedCharts() ?? defaultCharts(data), restore: { connectionId: this.connection.id, endpointName: this.endpointName }, errors: errors.slice(0, 20) });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.context.log.error(`Charting ${this.endpointName} failed: ${reason}`);
      if (load === this.loads) await this.post({ type: 'error', message: `The executions of ${this.endpointName} could not be read: ${reason}` });
    }
  }

  private async listExecutions(scheduleName: string): Promise<ExecutionSummary[]> {
    const out: ExecutionSummary[] = [];
    let token: string | undefined;
    do {
      const page = await this.connection.backend.listExecutions({ scheduleName, sortOrder: 'Descending', maxResults: 100, nextToken: token });
      out.push(...page.items);
      token = page.nextToken;
    } while (token && out.length < MAX_EXECUTIONS_PER_SCHEDULE);
    return out;
  }

  private async readBaseline(schedule: ScheduleSummary): Promise<{ statistics?: DataQualityStatistics; constraints?: Constraints }> {
    const backend = this.connection.backend;
    try {
      const name = schedule.jobDefinitionName ?? (await backend.describeSchedule(schedule.name)).jobDefinitionName;
      if (!name || (schedule.type !== 'DataQuality' && schedule.type !== 'ModelQuality')) return {};
      const b = (await backend.describeJobDefinition(name, schedule.type)).baseline;
      const [statistics, constraints] = await Promise.all([
        schedule.type === 'DataQuality' && b?.statisticsS3Uri ? backend.readStatistics(b.statisticsS3Uri) : undefined,
        b?.constraintsS3Uri ? backend.readConstraints(b.constraintsS3Uri) : undefined,
      ]);
      return { ...(statistics && isDataQualityStatistics(statistics) ? { statistics } : {}), ...(constraints ? { constraints } : {}) };
    } catch (e) {
      // Charts still show the executions' own numbers; only thresholds and drift are missing.
      this.context.log.warn(`The baseline of ${schedule.name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return {};
    }
  }
}
