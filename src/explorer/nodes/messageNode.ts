import * as vscode from 'vscode';
import type { ExplorerNode } from '../explorerNode';

/** A leaf that says something instead of listing: an error, an empty list, a hint. */
export class MessageNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly message: string,
    private readonly kind: 'info' | 'error' = 'info',
    private readonly tooltip?: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.kind === 'error' ? 'error' : 'info', this.kind === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
    item.tooltip = this.tooltip ?? this.message;
    item.contextValue = this.kind === 'error' ? 'message.error' : 'message';
    return item;
  }
}

/** The last row of a paged list: clicking it loads the next page into its parent. */
export class LoadMoreNode implements ExplorerNode {
  constructor(
    readonly id: string,
    readonly loadMore: () => Promise<void>,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: 'sagemakerModelMonitor.loadMore', title: 'Load more', arguments: [this] };
    item.contextValue = 'loadMore';
    return item;
  }
}
