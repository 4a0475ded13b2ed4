import * as vscode from 'vscode';
import type { Connection } from '../../connections/connection';
import type { ExecutionSummary, ScheduleSummary } from '../../monitoring/model';
import type { ExplorerContext, ExplorerNode } from '../explorerNode';
import { PagedList } from '../pagedList';
import { pagedChildren } from './pagedChildren';
import { ExecutionNode } from './executionNode';
import { monitoringTypeLabel } from '../format';

const TYPE_ICONS = { DataQuality: 'graph-line', ModelQuality: 'target', ModelBias: 'law', ModelExplainability: 'lightbulb' } as const;

/** A monitor: one monitoring schedule of an endpoint, with its executions newest first. */
export class MonitorNode implements ExplorerNode {
  readonly id: string;
  private readonly executions: PagedList<ExecutionSummary>;
  private readonly executionNodes = new Map<number, ExecutionNode>();

  constructor(
    readonly connection: Connection,
    private summary: ScheduleSummary,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${connection.id}/schedule/${summary.name}`;
    this.executions = new PagedList((page) =>
      connection.backend.listExecutions({ ...page, scheduleName: summary.name, sortOrder: 'Descending', maxResults: context.executionsPageSize }),
    );
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
    item.description = `${monitoringTypeLabel(s.type)} · ${s.status}`;
    item.tooltip = `${monitoringTypeLabel(s.type)} monitor\nSchedule: ${s.name}\nStatus: ${s.status}${s.jobDefinitionName ? `\nJob definition: ${s.jobDefinitionName}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(s.type ? TYPE_ICONS[s.type] : 'pulse');
    item.contextValue = `monitor.${s.type ?? 'unknown'}.${s.status}`;
    return item;
  }

  getChildren(): Promise<ExplorerNode[]> {
    return pagedChildren(this, this.executions, this.context, {
      toNode: (e) => {
        const key = e.scheduledTime.getTime();
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
