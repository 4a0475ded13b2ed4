import * as vscode from 'vscode';
import type { Connection } from '../../connections/connection';
import type { ExecutionReports } from '../../monitoring/backend';
import type { ExecutionStatus, ExecutionSummary } from '../../monitoring/model';
import type { ExplorerContext, ExplorerNode } from '../explorerNode';
import { MessageNode } from './messageNode';
import { ViolationNode } from './violationNode';
import { errorMessage, formatUtcHour, plural } from '../format';

const STATUS_ICONS: Record<ExecutionStatus, [string, string?]> = {
  Completed: ['pass', 'testing.iconPassed'],
  CompletedWithViolations: ['warning', 'list.warningForeground'],
  Failed: ['error', 'errorForeground'],
  InProgress: ['loading~spin'],
  Pending: ['clock'],
  Stopping: ['debug-stop'],
  Stopped: ['circle-slash'],
};

/** One monitoring execution; its children are the violations its report lists. */
export class ExecutionNode implements ExplorerNode {
  readonly id: string;
  private reports: ExecutionReports | undefined;
  private reportsError: string | undefined;

  constructor(
    readonly connection: Connection,
    readonly execution: ExecutionSummary,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${connection.id}/execution/${execution.scheduleName}/${execution.scheduledTime.getTime()}`;
    if (execution.status === 'CompletedWithViolations') context.enqueue(() => this.loadReports().then(() => context.refresh(this)));
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.execution;
    const hasViolations = e.status === 'CompletedWithViolations';
    const item = new vscode.TreeItem(formatUtcHour(e.scheduledTime), hasViolations ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.describeStatus();
    item.tooltip = [
      `Scheduled: ${e.scheduledTime.toISOString()}`,
      `Status: ${e.status}`,
      e.failureReason ? `Failure: ${e.failureReason}` : undefined,
      e.processingJobArn ? `Processing job: ${e.processingJobArn}` : undefined,
      this.reportsError ? `Could not read the report: ${this.reportsError}` : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    const [icon, color] = STATUS_ICONS[e.status];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = `execution.${e.status}`;
    item.command = { command: 'sagemakerModelMonitor.openExecutionReport', title: 'Open Execution Report', arguments: [this] };
    return item;
  }

  private describeStatus(): string {
    const e = this.execution;
    switch (e.status) {
      case 'CompletedWithViolations': {
        const count = this.reports?.violations?.violations.length;
        return count === undefined ? 'Violations' : plural(count, 'violation');
      }
      case 'Completed':
        return 'No violations';
      case 'Failed':
        return `Failed${e.failureReason ? `: ${e.failureReason}` : ''}`;
      case 'InProgress':
        return 'In progress';
      default:
        return e.status;
    }
  }

  async loadReports(): Promise<ExecutionReports | undefined> {
    if (this.reports) return this.reports;
    try {
      this.reports = await this.connection.backend.readExecutionReports(this.execution);
      this.reportsError = undefined;
    } catch (e) {
      this.reportsError = errorMessage(e);
      this.context.log.warn(`Reading the report of ${this.execution.scheduleName} ${this.execution.scheduledTime.toISOString()} failed: ${this.reportsError}`);
    }
    return this.reports;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const reports = await this.loadReports();
    if (!reports) return [new MessageNode(`${this.id}/error`, this.reportsError ?? 'The report could not be read', 'error')];
    const violations = reports.violations?.violations ?? [];
    if (violations.length === 0) return [new MessageNode(`${this.id}/empty`, 'No violations in the report')];
    return violations.map((v, i) => new ViolationNode(`${this.id}/violation/${i}`, v, this));
  }
}
