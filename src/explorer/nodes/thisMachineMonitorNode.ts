import type * as vscode from 'vscode';
import { MonitorNode } from './monitorNode';

/**
 * A monitor that runs on this machine for an AWS endpoint: a monitor row like a managed one (its
 * connection is the this-machine store, so executions and reports come from there), marked as such.
 */
export class ThisMachineMonitorNode extends MonitorNode {
  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    item.contextValue = `${item.contextValue ?? 'monitor'}.thisMachine`;
    item.description = `${typeof item.description === 'string' ? item.description : ''} · this machine`;
    item.tooltip = `${typeof item.tooltip === 'string' ? item.tooltip : ''}\nRuns on this machine (our analyzer over the endpoint's S3 capture), while VS Code is open.`;
    return item;
  }
}
