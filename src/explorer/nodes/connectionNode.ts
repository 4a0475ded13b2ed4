import * as vscode from 'vscode';
import type { Connection } from '../../connections/connection';
import type { EndpointSummary } from '../../monitoring/model';
import type { ExplorerContext, ExplorerNode } from '../explorerNode';
import { PagedList } from '../pagedList';
import { pagedChildren } from './pagedChildren';
import { EndpointNode } from './endpointNode';

export class ConnectionNode implements ExplorerNode {
  readonly id: string;
  private readonly endpoints: PagedList<EndpointSummary>;
  private readonly endpointNodes = new Map<string, EndpointNode>();

  constructor(
    readonly connection: Connection,
    private readonly context: ExplorerContext,
  ) {
    this.id = connection.id;
    this.endpoints = new PagedList((page) => connection.backend.listEndpoints(page));
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.connection;
    const item = new vscode.TreeItem(c.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = c.description;
    item.tooltip = c.kind === 'local' ? `Local workspace\n${c.root}` : `AWS profile ${c.label}\n${c.description}`;
    item.iconPath = new vscode.ThemeIcon(c.kind === 'local' ? 'folder-library' : 'cloud');
    item.contextValue = `connection.${c.kind}${c.source === 'settings' ? '.removable' : ''}`;
    return item;
  }

  invalidate(): void {
    this.endpoints.reset();
    this.endpointNodes.clear();
  }

  getChildren(): Promise<ExplorerNode[]> {
    return pagedChildren(this, this.endpoints, this.context, {
      toNode: (e) => this.endpointNode(e),
      empty: 'No endpoints',
      what: `endpoints of ${this.connection.id}`,
    });
  }

  private endpointNode(summary: EndpointSummary): EndpointNode {
    let node = this.endpointNodes.get(summary.name);
    if (!node) {
      const created = new EndpointNode(this.connection, summary, this.context);
      this.endpointNodes.set(summary.name, created);
      this.context.enqueue(() => created.loadDetails());
      node = created;
    } else {
      node.update(summary);
    }
    return node;
  }
}
