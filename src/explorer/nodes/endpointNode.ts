import * as vscode from 'vscode';
import type { Connection } from '../../connections/connection';
import type { Endpoint, EndpointSummary, ScheduleSummary } from '../../monitoring/model';
import type { ExplorerContext, ExplorerNode } from '../explorerNode';
import { PagedList } from '../pagedList';
import { pagedChildren } from './pagedChildren';
import { MonitorNode } from './monitorNode';
import { errorMessage } from '../format';
import { DataCaptureNode } from './dataCaptureNode';
import { isInTransition } from '../../monitoring/endpointStatus';

/** How often an endpoint in transition (Updating, Creating, …) is described again: soon, then less often. */
export function pollDelayMs(attempt: number): number {
  return attempt < 10 ? 2_000 : attempt < 40 ? 10_000 : 30_000;
}

export class EndpointNode implements ExplorerNode {
  readonly id: string;
  private details: Endpoint | undefined;
  private detailsError: string | undefined;
  /** Bumped by invalidate(), so a description requested before a refresh does not land after it. */
  private detailsGeneration = 0;
  private readonly schedules: PagedList<ScheduleSummary>;
  private readonly monitorNodes = new Map<string, MonitorNode>();
  private readonly captureNode: DataCaptureNode;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private pollAttempt = 0;

  constructor(
    readonly connection: Connection,
    private summary: EndpointSummary,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${connection.id}/endpoint/${summary.name}`;
    this.schedules = new PagedList((page) => connection.backend.listSchedules({ ...page, endpointName: summary.name }));
    this.captureNode = new DataCaptureNode(connection, summary.name, this, undefined, context);
  }

  /** The latest description, when one has arrived. */
  get endpoint(): Endpoint | undefined {
    return this.details;
  }

  get dataCapture(): DataCaptureNode {
    return this.captureNode;
  }

  /** The status the row shows: the description's when there is one (it is newer than the list's). */
  get status(): string {
    return this.details?.status ?? this.summary.status;
  }

  get name(): string {
    return this.summary.name;
  }

  get arn(): string {
    return this.summary.arn;
  }

  update(summary: EndpointSummary): void {
    this.summary = summary;
  }

  /** Forgets the schedules and the description; the description is fetched again, or the row would lose its capture state. */
  invalidate(): void {
    this.stopPolling();
    this.details = undefined;
    this.detailsError = undefined;
    this.detailsGeneration++;
    this.schedules.reset();
    this.monitorNodes.clear();
    this.context.enqueue(() => this.loadDetails());
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.summary.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const capture = this.details?.dataCapture;
    const captureText = !this.details
      ? undefined
      : capture?.enableCapture
        ? `capture ${capture.currentSamplingPercentage}%${capture.captureStatus === 'Stopped' ? ' (stopped)' : ''}`
        : 'capture off';
    const serving = this.connection.runtime?.isServing(this.summary.name) ?? false;
    item.description = [this.status, captureText, serving ? 'serving on 127.0.0.1' : undefined].filter(Boolean).join(' · ');
    const tooltip = new vscode.MarkdownString(undefined, true);
    // The name is data: as text, so that Markdown (or a command link) in it is shown, not rendered.
    tooltip.appendMarkdown('**').appendText(this.summary.name).appendMarkdown('**\n\n');
    tooltip.appendText(`Status: ${this.status}\nCreated: ${this.summary.creationTime.toISOString()}\n`);
    if (this.details) {
      tooltip.appendText(`Config: ${this.details.endpointConfigName}\nVariants: ${this.details.variants.map((v) => v.variantName).join(', ')}\n`);
      if (capture?.enableCapture) tooltip.appendText(`Capture: ${capture.currentSamplingPercentage}% to ${capture.destinationS3Uri}\n`);
      if (this.details.failureReason) tooltip.appendText(`Failure: ${this.details.failureReason}\n`);
    }
    if (this.detailsError) tooltip.appendText(`Could not describe: ${this.detailsError}\n`);
    item.tooltip = tooltip;
    const status = this.status;
    item.iconPath = new vscode.ThemeIcon(status === 'InService' ? 'server-environment' : status === 'Failed' ? 'error' : isInTransition(status) ? 'loading~spin' : 'circle-slash');
    const local = this.connection.runtime ? `.local.${serving ? 'running' : 'stopped'}` : '';
    item.contextValue = `endpoint${local}${capture?.enableCapture ? '.capturing' : ''}`;
    return item;
  }

  /**
   * Describes the endpoint once (capture settings are not in the list call) and redraws the row. While
   * the endpoint is in transition (Updating after a capture change, Creating, …) it is described again
   * until the transition ends: only such endpoints are polled, and polling stops by itself.
   */
  async loadDetails(): Promise<void> {
    if (this.details) return;
    await this.describe();
  }

  private async describe(): Promise<void> {
    const generation = this.detailsGeneration;
    try {
      const details = await this.connection.backend.describeEndpoint(this.summary.name);
      if (generation !== this.detailsGeneration) return;
      this.details = details;
      this.detailsError = undefined;
      this.captureNode.update(details);
    } catch (e) {
      if (generation !== this.detailsGeneration) return;
      this.detailsError = errorMessage(e);
      this.context.log.warn(`Describing endpoint ${this.summary.name} failed: ${this.detailsError}`);
    }
    this.context.refresh(this);
    if (this.details && isInTransition(this.details.status)) this.schedulePoll(generation);
    else this.pollAttempt = 0;
  }

  private schedulePoll(generation: number): void {
    this.stopPolling();
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      if (generation === this.detailsGeneration) this.context.enqueue(() => this.describe());
    }, pollDelayMs(this.pollAttempt++));
  }

  /** True while the row is waiting to describe an endpoint in transition again. */
  get polling(): boolean {
    return this.pollTimer !== undefined;
  }

  private stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const managed = await pagedChildren(this, this.schedules, this.context, {
      toNode: (s) => {
        const node = this.monitorNodes.get(s.name) ?? new MonitorNode(this.connection, s, this.context);
        node.update(s);
        this.monitorNodes.set(s.name, node);
        return node;
      },
      empty: 'No monitoring schedules',
      what: `schedules of ${this.summary.name}`,
    });
    const local = (await this.context.thisMachineMonitors?.(this.connection, this.summary.name)) ?? [];
    // With monitors on this machine, "No monitoring schedules" would be wrong.
    const monitors = local.length > 0 ? [...managed.filter((node) => node.id !== `${this.id}/empty`), ...local] : managed;
    return [this.captureNode, ...monitors];
  }
}
