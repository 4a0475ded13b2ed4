import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { Logger } from '../monitoring/logger';
import { BackgroundQueue } from './backgroundQueue';
import type { ExplorerContext, ExplorerNode } from './explorerNode';
import { ConnectionNode } from './nodes/connectionNode';
import { EndpointNode } from './nodes/endpointNode';
import { MonitorNode } from './nodes/monitorNode';

/** The Endpoints tree: connections → endpoints → monitors → executions → violations. */
export class EndpointsTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, ExplorerContext, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly reloaded = new vscode.EventEmitter<void>();
  /** Fired when rows are reloaded (a refresh, an action's result): what counts them (the badge) counts again. */
  readonly onDidReload = this.reloaded.event;
  private readonly queue = new BackgroundQueue(4);
  private connectionNodes = new Map<string, ConnectionNode>();
  /** Each node's parent, as last listed: what TreeView.reveal needs to find a row that was never shown. */
  private parents = new WeakMap<ExplorerNode, ExplorerNode>();
  private readonly subscriptions: vscode.Disposable[];
  /** Set by the this-machine monitors' registration (analyzeLocallyCommands.ts). */
  thisMachineMonitors?: (connection: Connection, endpointName: string) => Promise<ExplorerNode[]>;
  /** The this-machine store of an AWS connection, ready for a monitor of the endpoint (the wizard's "where it runs"). */
  thisMachineConnection?: (connection: Connection, endpointName: string) => Promise<Connection | undefined>;

  constructor(
    private readonly registry: ConnectionRegistry,
    readonly log: Logger,
  ) {
    this.subscriptions = [
      registry.onDidChange(() => this.refresh()),
      // New executions and started/stopped servers: reload that workspace's rows, keeping their expansion.
      registry.onDidChangeRuntime((connection) => this.reloadConnection(connection)),
    ];
  }

  /** The setting, kept to the 1–100 whole numbers the list APIs accept (settings.json is not checked against the schema). */
  get executionsPageSize(): number {
    const size = vscode.workspace.getConfiguration('sagemakerModelMonitor').get<number>('executionsPageSize', 24);
    return Number.isFinite(size) ? Math.min(100, Math.max(1, Math.round(size))) : 24;
  }

  enqueue(task: () => Promise<void>): void {
    this.queue.add(task);
  }

  refresh(node?: ExplorerNode): void {
    this.changed.fire(node);
  }

  /** Forgets what a node (or the whole tree) loaded, then redraws it. */
  reload(node?: ExplorerNode): void {
    node?.invalidate?.();
    if (!node) this.connectionNodes.clear();
    this.refresh(node);
    this.reloaded.fire();
  }

  /** Reloads one connection's rows (what changed there), leaving other connections' lists alone. */
  reloadConnection(connection: Connection): void {
    this.reload(this.connectionNodes.get(connection.id));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) {
      const children = node.getChildren ? await node.getChildren() : [];
      for (const child of children) this.parents.set(child, node);
      return children;
    }
    const next = new Map<string, ConnectionNode>();
    for (const c of this.registry.connections) {
      const existing = this.connectionNodes.get(c.id);
      next.set(c.id, existing && existing.connection === c ? existing : new ConnectionNode(c, this));
    }
    this.connectionNodes = next;
    return [...next.values()];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.parents.get(node);
  }

  /** The row of a monitor (managed or on this machine) under a connection's endpoint, listing the rows on the way. */
  async findMonitor(connectionId: string, endpointName: string, scheduleName: string): Promise<ExplorerNode | undefined> {
    const connection = (await this.getChildren()).find((n) => n instanceof ConnectionNode && n.connection.id === connectionId);
    const endpoint = connection && (await this.getChildren(connection)).find((n) => n instanceof EndpointNode && n.name === endpointName);
    return endpoint && (await this.getChildren(endpoint)).find((n) => n instanceof MonitorNode && n.schedule.name === scheduleName);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.reloaded.dispose();
  }
}
