import * as vscode from 'vscode';
import type { Logger } from '../monitoring/logger';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import { MonitorNode } from '../explorer/nodes/monitorNode';
import { reportError } from './reportError';
import { oneTimeRunRequest } from '../monitoring/oneTimeSchedule';

export function registerMonitorCommands(tree: EndpointsTreeProvider, log: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.runMonitorNow', async (node?: unknown) => {
      if (!(node instanceof MonitorNode)) {
        void vscode.window.showInformationMessage('Choose a monitor in the Endpoints view to run it now.');
        return;
      }
      const { backend, runtime } = node.connection;
      try {
        const schedule = await backend.describeSchedule(node.schedule.name);
        const created = await backend.createSchedule(oneTimeRunRequest(schedule, new Date()));
        log.info(`Created the one-time schedule ${created.name} for ${schedule.name}`);
        await runtime?.runDueExecutions();
        tree.reloadConnection(node.connection);
        void vscode.window.showInformationMessage(`${schedule.name} runs now over the last hour, as ${created.name}.`);
      } catch (e) {
        reportError(log, `Running ${node.schedule.name} now`, e);
      }
    }),
  ];
}
