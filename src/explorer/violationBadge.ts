import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import { latestExecutions, monitorsWithViolations } from '../monitoring/latestViolations';
import type { Logger } from '../monitoring/logger';

/** AWS monitors run on their own: look again this often while VS Code is open. */
const AWS_REFRESH_MS = 5 * 60_000;
/** Changes come in bursts (a reload, several executions at once): count once they have settled. */
const DEBOUNCE_MS = 500;

/**
 * The number on the Endpoints view's icon: how many monitors' latest executions found violations,
 * across every connection. Recounted when connections change, when a local workspace records an
 * execution, when the tree is reloaded, and every few minutes for AWS connections.
 */
export class ViolationBadge implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly interval: NodeJS.Timeout;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];
  /** The monitors counted last time, per connection id (for the tooltip and the tests). */
  monitors: { connection: string; monitor: string }[] = [];

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly view: vscode.TreeView<unknown>,
    private readonly log: Logger,
  ) {
    this.subscriptions = [registry.onDidChange(() => this.update()), registry.onDidChangeRuntime(() => this.update())];
    this.interval = setInterval(() => {
      if (registry.connections.some((c) => c.kind === 'aws')) this.update();
    }, AWS_REFRESH_MS);
    this.update();
  }

  update(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.count(), DEBOUNCE_MS);
  }

  private async count(): Promise<void> {
    const generation = ++this.generation;
    const counted: { connection: string; monitor: string }[] = [];
    await Promise.all(
      this.registry.connections.map(async (c) => {
        try {
          for (const monitor of monitorsWithViolations(await latestExecutions(c.backend))) counted.push({ connection: c.label, monitor });
        } catch (e) {
          // A connection that cannot be listed shows its error in the tree; the badge counts the others.
          this.log.debug(`Counting violations of ${c.id}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }),
    );
    if (generation !== this.generation) return;
    counted.sort((a, b) => a.connection.localeCompare(b.connection) || a.monitor.localeCompare(b.monitor));
    this.monitors = counted;
    this.view.badge = counted.length
      ? {
          value: counted.length,
          tooltip: `${counted.length} monitor${counted.length === 1 ? '' : 's'} found violations in ${counted.length === 1 ? 'its' : 'their'} latest execution: ${counted.map((m) => m.monitor).join(', ')}`,
        }
      : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearInterval(this.interval);
    for (const s of this.subscriptions) s.dispose();
  }
}
