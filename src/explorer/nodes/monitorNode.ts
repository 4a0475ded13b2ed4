import * as vscode from 'vscode';
import type { Connection } from '../../connections/connection';
import type { ExecutionSummary, ScheduleSummary } from '../../monitoring/model';
import type { ExplorerContext, ExplorerNode } from '../explorerNode';
import { PagedList } from '../pagedList';
import { pagedChildren } from './pagedChildren';
import { ExecutionNode } from './executionNode';
import { monitoringTypeLabel } from '../format';
import { isOneTimeScheduleName, monitorNameOf } from '../../monitoring/oneTimeSchedule';

const TYPE_ICONS = { DataQuality: 'graph-line', ModelQuality: 'target', ModelBias: 'law', ModelExplainability: 'lightbulb' } as const;

/** Bias and explainability monitors run SageMaker Clarify: the explorer lists them and their executions, and changes nothing. */
export function isReadOnlyMonitor(schedule: ScheduleSummary): boolean {
  return schedule.type === 'ModelBias' || schedule.type === 'ModelExplainability';
}

/** Why a monitor is read-only, as its tooltip and refused commands say it. */
export function readOnlyReason(schedule: ScheduleSummary, kind: Connection['kind']): string {
  const type = monitoringTypeLabel(schedule.type).toLowerCase();
  return kind === 'local'
    ? `A local workspace cannot run ${type} monitors: they need SageMaker Clarify, and the local analyzer runs data-quality and model-quality monitors only. Its executions are listed as they are.`
    : `${monitoringTypeLabel(schedule.type)} monitors run SageMaker Clarify: this view lists the monitor and its executions; start, stop, run or delete it in SageMaker Studio or with the SDK.`;
}

/** A monitor: one monitoring schedule of an endpoint, with its executions newest first. */
export class MonitorNode implements ExplorerNode {
  readonly id: string;
  private readonly executions: PagedList<ExecutionSummary>;
  private readonly executionNodes = new Map<string, ExecutionNode>();

  constructor(
    readonly connection: Connection,
    private summary: ScheduleSummary,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${connection.id}/schedule/${summary.name}`;
    this.executions = new PagedList(async (page) => {
      const size = { sortOrder: 'Descending' as const, maxResults: context.executionsPageSize };
      const jobDefinitionName = this.summary.jobDefinitionName;
      if (!jobDefinitionName || isOneTimeScheduleName(this.summary.name)) return connection.backend.listExecutions({ ...page, ...size, scheduleName: this.summary.name });
      // A monitor's executions include those of its one-time runs (Run Monitor Now), which ran its job
      // definition under a schedule of their own that is deleted once it has run.
      const listed = await connection.backend.listExecutions({ ...page, ...size, jobDefinitionName });
      return { ...listed, items: listed.items.filter((e) => monitorNameOf(e.scheduleName) === this.summary.name) };
    });
  }

  get schedule(): ScheduleSummary {
    return this.summary;
  }

  update(summary: ScheduleSummary): void {
    this.summary = summary;
  }

  invalidate(): void {
    this.executions.reset();
    this.executionNodes.clear();
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.summary;
    const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const readOnly = isReadOnlyMonitor(s);
    // The status first: at the sidebar's default width the end of a description is cut off.
    item.description = [s.status, monitoringTypeLabel(s.type), readOnly ? 'read-only' : undefined].filter(Boolean).join(' · ');
    item.tooltip = [
      `${monitoringTypeLabel(s.type)} monitor`,
      `Schedule: ${s.name}`,
      `Status: ${s.status}`,
      s.jobDefinitionName ? `Job definition: ${s.jobDefinitionName}` : undefined,
      readOnly ? `\n${readOnlyReason(s, this.connection.kind)}` : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(s.type ? (TYPE_ICONS[s.type] ?? 'pulse') : 'pulse');
    // A one-time run (Run Monitor Now) waiting for its execution: deletable, not runnable, startable or stoppable.
    const oneTime = isOneTimeScheduleName(s.name);
    item.contextValue = `monitor.${s.type ?? 'unknown'}.${s.status}${readOnly ? '.readonly' : ''}${this.connection.kind === 'aws' ? '.aws' : ''}${oneTime ? '.oneTime' : ''}`;
    if (oneTime) item.description = `Run now of ${monitorNameOf(s.name)} · ${s.status}`;
    return item;
  }

  getChildren(): Promise<ExplorerNode[]> {
    return pagedChildren(this, this.executions, this.context, {
      toNode: (e) => {
        const key = `${e.scheduleName}@${e.scheduledTime.getTime()}`;
        const existing = this.executionNodes.get(key);
        if (existing && existing.execution.status === e.status) return existing;
        const node = new ExecutionNode(this.connection, e, this.context);
        this.executionNodes.set(key, node);
        return node;
      },
      empty: 'No executions yet',
      what: `executions of ${this.summary.name}`,
    });
  }
}
