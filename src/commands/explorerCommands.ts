import * as vscode from 'vscode';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import type { ExplorerNode } from '../explorer/explorerNode';
import { ExecutionNode } from '../explorer/nodes/executionNode';
import { LoadMoreNode } from '../explorer/nodes/messageNode';
import { ExecutionReportPanel } from '../panels/executionReportPanel';
import type { Logger } from '../monitoring/logger';
import { reportError } from './reportError';
import { openChartsCommand } from './chartCommands';

export function registerExplorerCommands(extensionUri: vscode.Uri, tree: EndpointsTreeProvider, log: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.refresh', (node?: ExplorerNode) => tree.reload(node)),
    vscode.commands.registerCommand('sagemakerModelMonitor.loadMore', async (node?: unknown) => {
      if (!(node instanceof LoadMoreNode)) return;
      await node.loadMore().catch((e: unknown) => reportError(log, 'Loading more', e));
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.openExecutionReport', (node?: unknown) => {
      if (!(node instanceof ExecutionNode)) {
        void vscode.window.showInformationMessage('Choose a monitoring execution in the Endpoints view to open its report.');
        return;
      }
      // A click in the tree previews; the editor title's "Keep Open" keeps it.
      ExecutionReportPanel.show({ extensionUri, log, openCharts: openChartsCommand }, node.connection, node.execution, undefined, { preview: true });
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.pinExecutionReport', () => ExecutionReportPanel.pinPreview()),
  ];
}
