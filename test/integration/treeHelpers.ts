// Reading the Endpoints tree through the extension's API, as VS Code does: nodes and their tree items.
import * as vscode from 'vscode';
import { extensionId } from '../harness/paths';

/** What activate() returns (src/extension.ts). */
export interface ExtensionApi {
  readonly endpointsTree: vscode.TreeDataProvider<unknown>;
  readonly endpointsView?: vscode.TreeView<unknown>;
  /** What a reload does to a saved panel (its serializer); returns the reopened panel. */
  restorePanel(viewType: string, panel: vscode.WebviewPanel, state: unknown): unknown;
}

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`VS Code does not know the extension ${extensionId}`);
  return extension.activate();
}

export interface Row {
  node: unknown;
  label: string;
  description: string;
}

export async function endpointsTree(): Promise<vscode.TreeDataProvider<unknown>> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`VS Code does not know the extension ${extensionId}`);
  return (await extension.activate()).endpointsTree;
}

export async function childrenOf(tree: vscode.TreeDataProvider<unknown>, node: unknown): Promise<Row[]> {
  const children = (await tree.getChildren(node)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const description = typeof item.description === 'string' ? item.description : '';
      return { node: child, label, description };
    }),
  );
}

/** Asks again until `find` returns something, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, find: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The row at a path of labels from the root (each step: the row whose label passes the test), or undefined. */
export async function rowAt(tree: vscode.TreeDataProvider<unknown>, ...path: ((label: string) => boolean)[]): Promise<Row | undefined> {
  let parent: unknown = undefined;
  let row: Row | undefined;
  for (const matches of path) {
    row = (await childrenOf(tree, parent)).find((r) => matches(r.label));
    if (!row) return undefined;
    parent = row.node;
  }
  return row;
}

export const labelled =
  (text: string) =>
  (label: string): boolean =>
    label === text;
