import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ExecutionSummary, ScheduleSummary } from '../monitoring/model';
import type { DataQualityStatistics } from '../monitoring/formats/statistics';
import { isDataQualityStatistics } from '../monitoring/formats/statistics';
import type { Constraints } from '../monitoring/formats/constraints';
import { isDataQualityConstraints } from '../monitoring/formats/constraints';
import { mapWithConcurrency } from '../monitoring/concurrency';
import { DigestCache, digestExecution, scheduleBaseline, type ExecutionDigest, type RunsOn, type ScheduleBaseline } from './executionDigest';
import { driftSettings } from './distributions';
import { defaultCharts, parseChartSpec, type ChartSpec, type ChartsData } from './chartData';
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
  /** The monitors that run on this machine for an AWS connection's endpoints, seen as a connection; undefined for others. */
  thisMachineOf?: (connection: Connection) => Connection | undefined;
}

/** Where a panel reads executions: the connection itself, and for an AWS endpoint also the monitors on this machine. */
interface ExecutionSource {
  connection: Connection;
  runsOn?: RunsOn;
}

/** An execution with the source it was read from, to open its report there. */
interface SourcedExecution {
  source: ExecutionSource;
  execution: ExecutionSummary;
}

/** What the panel last sent its webview: for tests, as the user sees it once drawn. */
export interface ShownCharts {
  data: ChartsData;
  charts: ChartSpec[];
  errors: string[];
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
  private executions: SourcedExecution[] = [];
  private shownCharts: ShownCharts | undefined;

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
        case 'openReport':
          this.openReport(message.scheduleName, message.time, message.runsOn);
          break;
        case 'exportCsv':
          void this.export(message.fileName, Buffer.from(message.csv, 'utf8'), { CSV: ['csv'] });
          break;
        case 'exportPng':
          void this.export(message.fileName, Buffer.from(message.dataUrl.slice(message.dataUrl.indexOf(',') + 1), 'base64'), { 'PNG image': ['png'] });
          break;
      }
    });
  }

  /** The charts shown, once loaded. */
  get shown(): ShownCharts | undefined {
    return this.shownCharts;
  }

  /** Opens the report of a charted execution (a click on its point), from the monitors it ran under. */
  openReport(scheduleName: string, time: number, runsOn?: RunsOn): ExecutionReportPanel | undefined {
    const found = this.executions.find((e) => e.source.runsOn === runsOn && e.execution.scheduleName === scheduleName && e.execution.scheduledTime.getTime() === time);
    if (!found) {
      this.context.log.warn(`The execution ${scheduleName} at ${new Date(time).toISOString()} is no longer among the charted ones of ${this.endpointName}; refresh the charts.`);
      return undefined;
    }
    return ExecutionReportPanel.show(this.context, found.source.connection, found.execution);
  }

  /** The connection's own monitors, and on an AWS connection the ones on this machine beside them. */
  private sources(): ExecutionSource[] {
    const thisMachine = this.context.thisMachineOf?.(this.connection);
    return [{ connection: this.connection }, ...(thisMachine ? [{ connection: thisMachine, runsOn: 'thisMachine' as const }] : [])];
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

  /**
   * Every execution of the endpoint's data- and model-quality schedules, from each source, their digests
   * (cached), and the baselines' thresholds. A source that cannot be read leaves the others charted.
   */
  private async load(): Promise<void> {
    const load = ++this.loads;
    try {
      const sources = this.sources();
      const errors: string[] = [];
      const read = await Promise.all(
        sources.map((source) =>
          this.readSource(source).catch((e: unknown) => {
            // Only the connection's own monitors failing is fatal: they are what the panel is about.
            if (!source.runsOn) throw e;
            const reason = `The monitors on this machine could not be read: ${e instanceof Error ? e.message : String(e)}`;
            this.context.log.warn(`Charts of ${this.endpointName}: ${reason}`);
            errors.push(reason);
            return { executions: [], baselines: [], digests: [], errors: [] };
          }),
        ),
      );
      if (load !== this.loads) return;
      this.executions = read.flatMap((r) => r.executions);
      errors.push(...read.flatMap((r) => r.errors));
      for (const error of errors.slice(0, 20)) this.context.log.warn(`Charts of ${this.endpointName}: ${error}`);
      const data: ChartsData = { endpointName: this.endpointName, baselines: read.flatMap((r) => r.baselines), executions: read.flatMap((r) => r.digests) };
      const charts = this.savedCharts() ?? defaultCharts(data);
      this.shownCharts = { data, charts, errors: errors.slice(0, 20) };
      await this.post({ type: 'data', data, charts, restore: { connectionId: this.connection.id, endpointName: this.endpointName }, errors: errors.slice(0, 20) });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.context.log.error(`Charting ${this.endpointName} failed: ${reason}`);
      if (load === this.loads) await this.post({ type: 'error', message: `The executions of ${this.endpointName} could not be read: ${reason}` });
    }
  }

  /** One source's schedules of the endpoint, their executions' digests and their baselines. */
  private async readSource(source: ExecutionSource): Promise<{ executions: SourcedExecution[]; baselines: ScheduleBaseline[]; digests: ExecutionDigest[]; errors: string[] }> {
    const backend = source.connection.backend;
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
      const [list, baseline] = await Promise.all([this.listExecutions(source, s.name), this.readBaseline(source, s)]);
      executions.push(...list);
      dqBaselines.set(s.name, baseline);
      baselines.push(scheduleBaseline(s.name, s.type, baseline.statistics, baseline.constraints));
    });
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
    const runsOn = source.runsOn;
    return {
      executions: executions.map((execution) => ({ source, execution })),
      baselines,
      digests: runsOn ? digests.map((d) => ({ ...d, runsOn })) : digests,
      errors: runsOn ? errors.map((e) => `${e} (on this machine)`) : errors,
    };
  }

  private async listExecutions(source: ExecutionSource, scheduleName: string): Promise<ExecutionSummary[]> {
    const out: ExecutionSummary[] = [];
    let token: string | undefined;
    do {
      const page = await source.connection.backend.listExecutions({ scheduleName, sortOrder: 'Descending', maxResults: 100, nextToken: token });
      out.push(...page.items);
      token = page.nextToken;
    } while (token && out.length < MAX_EXECUTIONS_PER_SCHEDULE);
    return out;
  }

  private async readBaseline(source: ExecutionSource, schedule: ScheduleSummary): Promise<{ statistics?: DataQualityStatistics; constraints?: Constraints }> {
    const backend = source.connection.backend;
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
