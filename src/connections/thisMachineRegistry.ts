import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Connection } from './connection';
import type { ConnectionRegistry } from './connectionRegistry';
import { LocalRuntime } from './localRuntime';
import { AwsBackend } from '../monitoring/aws/awsBackend';
import type { Logger } from '../monitoring/logger';
import type { ExecutionSummary } from '../monitoring/model';
import { ThisMachineMonitors } from '../monitoring/local/thisMachineMonitors';

const SECTION = 'sagemakerModelMonitor';
const SUFFIX = '/thisMachine';

/** The id of the pseudo-connection through which an AWS connection's this-machine monitors are shown. */
export function thisMachineConnectionId(aws: Connection): string {
  return `${aws.id}${SUFFIX}`;
}

/** The monitors of one AWS connection that run on this machine, and the pseudo-connection the tree shows them through. */
export interface ThisMachineEntry {
  readonly aws: Connection;
  readonly monitors: ThisMachineMonitors;
  /** The tree's view of them: their own backend (local store, S3 data) and a runtime for Run Now. */
  readonly connection: Connection;
}

/**
 * One ThisMachineMonitors per AWS connection, kept in the extension's storage (or the folder of the
 * `thisMachineMonitorsFolder` setting), running while VS Code runs when `runLocalScheduler` is on.
 */
export class ThisMachineRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, ThisMachineEntry>();
  private readonly changed = new vscode.EventEmitter<Connection>();
  /** A this-machine execution ran, or a monitor was added or removed: the AWS connection's rows need reloading. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly storageRoot: string,
    private readonly registry: ConnectionRegistry,
    private readonly log: Logger,
  ) {
    this.subscriptions.push(
      registry.onDidChange(() => this.sync()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.runLocalScheduler`)) this.sync();
      }),
    );
    this.sync();
  }

  /** The folder holding an AWS connection's this-machine monitors. */
  folderFor(aws: Connection): string {
    const chosen = vscode.workspace.getConfiguration(SECTION).get<string>('thisMachineMonitorsFolder', '');
    const base = chosen && chosen.trim() ? chosen.trim() : join(this.storageRoot, 'this-machine-monitors');
    const safe = aws.id.replace(/[^a-zA-Z0-9@._-]+/g, '_').slice(0, 80);
    return join(base, `${safe}-${createHash('sha1').update(aws.id).digest('hex').slice(0, 8)}`);
  }

  /** The entry of an AWS connection (created on first use); undefined for other connections. */
  entryFor(aws: Connection): ThisMachineEntry | undefined {
    if (aws.kind !== 'aws' || !(aws.backend instanceof AwsBackend)) return undefined;
    const existing = this.entries.get(aws.id);
    if (existing && existing.aws === aws) return existing;
    const backend = aws.backend;
    const root = this.folderFor(aws);
    const onExecution = (execution: ExecutionSummary) => {
      this.log.info(`This-machine execution ${execution.scheduleName} ${execution.scheduledTime.toISOString()}: ${execution.status}${execution.failureReason ? ` — ${execution.failureReason}` : ''}`);
      this.changed.fire(aws);
    };
    const monitors = new ThisMachineMonitors(root, backend, { logger: this.log, onExecution });
    const connection: Connection = {
      id: thisMachineConnectionId(aws),
      kind: 'local',
      label: aws.label,
      description: 'Monitors on this machine',
      source: 'settings',
      root,
      backend: monitors.backend,
      runtime: new LocalRuntime(root, monitors.backend, this.log, (execution) => (execution ? onExecution(execution) : this.changed.fire(aws))),
    };
    const entry = { aws, monitors, connection };
    this.entries.set(aws.id, entry);
    if (existing) void existing.monitors.stop();
    this.applySchedulerSetting(entry);
    return entry;
  }

  /** The AWS connection whose this-machine monitors `id` names (a pseudo-connection's id), if it is still configured. */
  awsOf(id: string): Connection | undefined {
    if (!id.endsWith(SUFFIX)) return undefined;
    return this.registry.connections.find((c) => c.kind === 'aws' && thisMachineConnectionId(c) === id);
  }

  /**
   * A connection by id, the this-machine pseudo-connections included: what a panel saved before a
   * reload names either kind.
   */
  connectionById(id: string): Connection | undefined {
    const aws = this.awsOf(id);
    if (aws) return this.entryFor(aws)?.connection;
    return this.registry.connections.find((c) => c.id === id);
  }

  /** Tells the tree that an AWS connection's this-machine monitors changed. */
  notify(aws: Connection): void {
    this.changed.fire(aws);
  }

  private sync(): void {
    const live = new Set<string>();
    for (const connection of this.registry.connections) {
      const entry = this.entryFor(connection);
      if (entry) {
        live.add(connection.id);
        this.applySchedulerSetting(entry);
      }
    }
    for (const [id, entry] of this.entries) {
      if (live.has(id)) continue;
      void entry.monitors.stop();
      this.entries.delete(id);
    }
  }

  private applySchedulerSetting(entry: ThisMachineEntry): void {
    const run = vscode.workspace.getConfiguration(SECTION).get<boolean>('runLocalScheduler', true);
    if (run) {
      // Only a folder that already holds monitors is started; the first monitor created starts it.
      void entry.monitors.backend.store.list('monitoring-schedules').then(
        (schedules) => {
          if (schedules.length > 0) entry.monitors.start();
        },
        () => undefined,
      );
    } else void entry.monitors.stop();
  }

  /** Starts the scheduler of an entry (after its first monitor was created) when the setting allows. */
  startIfAllowed(entry: ThisMachineEntry): void {
    if (vscode.workspace.getConfiguration(SECTION).get<boolean>('runLocalScheduler', true)) entry.monitors.start();
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      void entry.monitors.stop();
      entry.connection.runtime?.dispose();
    }
    this.entries.clear();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
