import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { EndpointsTreeProvider } from '../explorer/endpointsTreeProvider';
import { MonitorNode, isReadOnlyMonitor, readOnlyReason } from '../explorer/nodes/monitorNode';
import { monitoringTypeLabel } from '../explorer/format';
import { deleteSchedules, listAllSchedules, planScheduleDeletion, scheduleDeletionConfirmation } from '../monitoring/cleanup';
import type { Logger } from '../monitoring/logger';
import type { ScheduleStatus, ScheduleSummary } from '../monitoring/model';
import { reportError } from './reportError';
import { confirmModal, statusMessage, type ConfirmOptions } from './confirm';

interface ScheduleTarget {
  connection: Connection;
  schedule: ScheduleSummary;
}

type ScheduleAction = 'start' | 'stop' | 'delete';

/** Which schedules each action applies to (SageMaker starts only Stopped ones and refuses to stop a Stopped one). */
const APPLIES: Record<ScheduleAction, (status: ScheduleStatus) => boolean> = {
  start: (status) => status === 'Stopped',
  stop: (status) => status === 'Scheduled' || status === 'Pending',
  delete: () => true,
};

/** How long the tree follows a schedule that is Pending after a start (the SDK waits up to 3 minutes). */
const PENDING_POLL_MS = 2_000;
const PENDING_POLL_LIMIT = 90;

/** Start, Stop and Delete Monitoring Schedule, from a monitor's row or from the palette (with a quick pick). */
export function registerScheduleCommands(registry: ConnectionRegistry, tree: EndpointsTreeProvider, log: Logger): vscode.Disposable[] {
  const followPending = (target: ScheduleTarget) => void followWhilePending(target, tree, log);

  return [
    vscode.commands.registerCommand('sagemakerModelMonitor.startSchedule', async (node?: unknown) => {
      const target = await scheduleTarget(node, registry, 'start');
      if (!target) return;
      try {
        await target.connection.backend.startSchedule(target.schedule.name);
        log.info(`Started the monitoring schedule ${target.schedule.name} (${target.connection.id})`);
        statusMessage(`Started ${target.schedule.name}`);
        tree.reloadConnection(target.connection);
        followPending(target);
      } catch (e) {
        reportError(log, `Starting ${target.schedule.name}`, e);
      }
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.stopSchedule', async (node?: unknown) => {
      const target = await scheduleTarget(node, registry, 'stop');
      if (!target) return;
      try {
        await target.connection.backend.stopSchedule(target.schedule.name);
        log.info(`Stopped the monitoring schedule ${target.schedule.name} (${target.connection.id})`);
        statusMessage(`Stopped ${target.schedule.name}: no executions until it is started again`);
        tree.reloadConnection(target.connection);
      } catch (e) {
        reportError(log, `Stopping ${target.schedule.name}`, e);
      }
    }),
    vscode.commands.registerCommand('sagemakerModelMonitor.deleteSchedule', async (node?: unknown, options?: ConfirmOptions) => {
      const target = await scheduleTarget(node, registry, 'delete');
      if (!target) return;
      const { connection, schedule } = target;
      try {
        const plan = await planScheduleDeletion(connection.backend, schedule);
        if (!(await confirmModal(scheduleDeletionConfirmation(plan), options))) return;
        const outcome = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Deleting ${schedule.name}` },
          (progress) => deleteSchedules(connection.backend, plan, { onStep: (message) => progress.report({ message }) }),
        );
        log.info(`Deleted ${outcome.deleted.join(', ')} (${connection.id})`);
        for (const warning of outcome.warnings) {
          log.warn(warning);
          void vscode.window.showWarningMessage(warning);
        }
        statusMessage(`Deleted ${outcome.deleted.join(' and ')}`);
        tree.reloadConnection(connection);
      } catch (e) {
        reportError(log, `Deleting ${schedule.name}`, e);
      }
    }),
  ];
}

/** The schedule a command acts on: the monitor row it was run on, or one the user picks from every connection. */
async function scheduleTarget(node: unknown, registry: ConnectionRegistry, action: ScheduleAction): Promise<ScheduleTarget | undefined> {
  if (node instanceof MonitorNode) {
    const target = { connection: node.connection, schedule: node.schedule };
    if (isReadOnlyMonitor(target.schedule)) {
      void vscode.window.showInformationMessage(readOnlyReason(target.schedule, target.connection.kind));
      return undefined;
    }
    return target;
  }
  return pickSchedule(registry, action);
}

async function pickSchedule(registry: ConnectionRegistry, action: ScheduleAction): Promise<ScheduleTarget | undefined> {
  const verb = { start: 'Start', stop: 'Stop', delete: 'Delete' }[action];
  const failures: string[] = [];
  const items = (async () => {
    const perConnection = await Promise.all(
      registry.connections.map(async (connection) => {
        try {
          return (await listAllSchedules(connection.backend)).map((schedule) => ({ connection, schedule }));
        } catch (e) {
          failures.push(`${connection.label}: ${e instanceof Error ? e.message : String(e)}`);
          return [];
        }
      }),
    );
    return perConnection
      .flat()
      .filter((t) => APPLIES[action](t.schedule.status) && !isReadOnlyMonitor(t.schedule))
      .map((t) => ({
        label: t.schedule.name,
        description: [t.schedule.status, monitoringTypeLabel(t.schedule.type), t.schedule.endpointName].filter(Boolean).join(' · '),
        detail: t.connection.label,
        target: t,
      }));
  })();
  const picked = await vscode.window.showQuickPick(items, {
    title: `${verb} Monitoring Schedule`,
    placeHolder: { start: 'A stopped schedule to start', stop: 'A running schedule to stop', delete: 'A schedule to delete' }[action],
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (failures.length) void vscode.window.showWarningMessage(`Some connections could not list their schedules: ${failures.join('; ')}`);
  if (!picked && (await items).length === 0 && failures.length === 0) {
    void vscode.window.showInformationMessage(`There is no schedule to ${action}.`);
  }
  return picked?.target;
}

/** After a start, SageMaker shows the schedule Pending for a while: redraw its connection when it settles. */
async function followWhilePending(target: ScheduleTarget, tree: EndpointsTreeProvider, log: Logger): Promise<void> {
  for (let i = 0; i < PENDING_POLL_LIMIT; i++) {
    try {
      const status = (await target.connection.backend.describeSchedule(target.schedule.name)).status;
      if (status !== 'Pending') {
        if (i > 0) tree.reloadConnection(target.connection);
        return;
      }
    } catch (e) {
      log.warn(`Following ${target.schedule.name} after its start: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    await new Promise((r) => setTimeout(r, PENDING_POLL_MS));
  }
}
