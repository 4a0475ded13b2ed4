import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { Logger } from '../monitoring/logger';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import { MonitorNode, isReadOnlyMonitor, readOnlyReason } from '../explorer/nodes/monitorNode';
import { reportError } from './reportError';
import { statusMessage } from './confirm';
import { isMonitoringError } from '../monitoring/errors';
import type { ExecutionStatus } from '../monitoring/model';
import { oneTimeRunRequest } from '../monitoring/oneTimeSchedule';

const FINISHED: readonly ExecutionStatus[] = ['Completed', 'CompletedWithViolations', 'Failed', 'Stopped'];
/** SageMaker takes minutes to start and run a one-time execution: look every so often, for a few hours at most. */
const AWS_POLL_MS = 30_000;
const AWS_POLL_LIMIT = 360;

export function registerMonitorCommands(tree: EndpointsTreeProvider, log: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.runMonitorNow', async (node?: unknown) => {
      if (!(node instanceof MonitorNode)) {
        void vscode.window.showInformationMessage('Choose a monitor in the Endpoints view to run it now.');
        return;
      }
      if (isReadOnlyMonitor(node.schedule)) {
        void vscode.window.showInformationMessage(readOnlyReason(node.schedule, node.connection.kind));
        return;
      }
      const { connection } = node;
      const { backend, runtime } = connection;
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Running ${node.schedule.name} now`, cancellable: true },
          async (progress, token) => {
            const schedule = await backend.describeSchedule(node.schedule.name);
            if (token.isCancellationRequested) return;
            const created = await backend.createSchedule(oneTimeRunRequest(schedule, new Date()));
            log.info(`Created the one-time schedule ${created.name} for ${schedule.name}`);
            if (token.isCancellationRequested) {
              // Nothing has run yet: take the one-time schedule back rather than leave it behind.
              await backend.deleteSchedule(created.name);
              return;
            }
            if (runtime) {
              progress.report({ message: 'analysing the last hour of captured data' });
              await runtime.runDueExecutions();
              const status = await cleanUpOneTimeRun(connection, created.name, log);
              tree.reloadConnection(connection);
              statusMessage(`${schedule.name} ran now over the last hour: ${status ?? 'no execution'}`);
            } else {
              tree.reloadConnection(connection);
              void followOneTimeRun(connection, created.name, tree, log);
              void vscode.window.showInformationMessage(
                `SageMaker runs ${schedule.name} now over the last hour (as ${created.name}); its execution appears under ${schedule.name} when it has finished.`,
              );
            }
          },
        );
      } catch (e) {
        reportError(log, `Running ${node.schedule.name} now`, e);
      }
    }),
  ];
}

/**
 * Deletes a one-time schedule once its execution has finished, so run-nows do not pile up beside their
 * monitor; the execution and its report stay, listed under the monitor. Returns the execution's status.
 */
async function cleanUpOneTimeRun(connection: Connection, scheduleName: string, log: Logger): Promise<ExecutionStatus | undefined> {
  const [execution] = (await connection.backend.listExecutions({ scheduleName, sortOrder: 'Descending', maxResults: 1 })).items;
  if (!execution || !FINISHED.includes(execution.status)) return execution?.status;
  try {
    await connection.backend.deleteSchedule(scheduleName);
    log.info(`Deleted the one-time schedule ${scheduleName}: its execution ${execution.status}`);
  } catch (e) {
    if (!(isMonitoringError(e) && e.kind === 'NotFound')) log.warn(`Could not delete the one-time schedule ${scheduleName}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return execution.status;
}

async function followOneTimeRun(connection: Connection, scheduleName: string, tree: EndpointsTreeProvider, log: Logger): Promise<void> {
  for (let i = 0; i < AWS_POLL_LIMIT; i++) {
    await new Promise((r) => setTimeout(r, AWS_POLL_MS));
    try {
      const status = await cleanUpOneTimeRun(connection, scheduleName, log);
      if (status && FINISHED.includes(status)) {
        tree.reloadConnection(connection);
        return;
      }
    } catch (e) {
      log.warn(`Following the one-time run ${scheduleName}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
  }
}
