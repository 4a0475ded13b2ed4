import * as vscode from 'vscode';
import type { Violation } from '../../monitoring/formats/violations';
import type { ExplorerNode } from '../explorerNode';
import type { ExecutionNode } from './executionNode';

export class ViolationNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly violation: Violation,
    readonly execution: ExecutionNode,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const v = this.violation;
    const item = new vscode.TreeItem(v.feature_name ?? v.metric_name ?? v.constraint_check_type, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = v.constraint_check_type;
    item.tooltip = v.description;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = 'violation';
    item.command = { command: 'sagemakerModelMonitor.openExecutionReport', title: 'Open Execution Report', arguments: [this.execution] };
    return item;
  }
}
