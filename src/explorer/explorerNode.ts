import type * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { Logger } from '../monitoring/logger';

/** A row of the Endpoints tree. */
export interface ExplorerNode {
  /** Unique in the tree and stable across refreshes, so VS Code keeps the row's expansion state. */
  readonly id: string;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<ExplorerNode[]>;
  /** Forgets what the node loaded, so that its next getChildren asks the backend again. */
  invalidate?(): void;
}

/** What nodes need from the tree around them. */
export interface ExplorerContext {
  readonly log: Logger;
  /** Redraws a node (and re-asks for its children when it is expanded); no node redraws the whole tree. */
  refresh(node?: ExplorerNode): void;
  readonly executionsPageSize: number;
  /** Follow-up work for a row (details, counts), run a few at a time. */
  enqueue(task: () => Promise<void>): void;
  /** Extra monitor rows of an endpoint: those that run on this machine for an AWS endpoint. */
  readonly thisMachineMonitors?: (connection: Connection, endpointName: string) => Promise<ExplorerNode[]>;
}
