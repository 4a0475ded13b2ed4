import type * as vscode from 'vscode';
import type { Logger } from '../monitoring/logger';
import type { ExecutionSummary } from '../monitoring/model';
import type { LocalBackend } from '../monitoring/local/localBackend';
import { LocalEndpointServer } from '../monitoring/local/localEndpointServer';
import { LocalScheduler } from '../monitoring/local/scheduler';
import { DemoTrafficGenerator } from '../monitoring/demo/demoTrafficGenerator';
import { DEMO } from '../monitoring/demo/demoScenario';
import type { WorkspaceTrust } from './workspaceTrust';
import { alwaysTrusted, requireTrust } from './workspaceTrust';

/** SageMaker delivers capture files a couple of minutes late; locally, a user watching wants them sooner. */
const CAPTURE_FLUSH_MS = 10_000;

/**
 * What runs for one local workspace while VS Code is open: the inference servers the user started, the
 * scheduler that executes its schedules every hour, and demo traffic. Disposing stops them all and
 * flushes captured data. In Restricted Mode none of them runs; a scheduler asked for meanwhile starts
 * when the user grants trust.
 */
export class LocalRuntime implements vscode.Disposable {
  private readonly servers = new Map<string, LocalEndpointServer>();
  /** Servers being started: a second start (a double click) waits for the first instead of binding another port. */
  private readonly starting = new Map<string, Promise<LocalEndpointServer>>();
  private scheduler: LocalScheduler | undefined;
  private traffic: DemoTrafficGenerator | undefined;
  private trafficStarting: Promise<void> | undefined;
  private trafficOwnsServer = false;
  /** startScheduler() was called in Restricted Mode: start it once trust is granted. */
  private schedulerWanted = false;
  private readonly trustSubscription: { dispose(): void };

  constructor(
    readonly root: string,
    private readonly backend: LocalBackend,
    private readonly log: Logger,
    private readonly onChange: (execution?: ExecutionSummary) => void,
    private readonly trust: WorkspaceTrust = alwaysTrusted,
  ) {
    this.trustSubscription = trust.onDidGrantWorkspaceTrust(() => {
      if (this.schedulerWanted) {
        this.log.info(`Workspace trusted: starting the scheduler of ${this.root}`);
        this.startScheduler();
      }
      this.onChange(); // the tree drops its "Restricted Mode" note
    });
  }

  /** False in Restricted Mode, where the workspace is shown but nothing of it runs. */
  get canRun(): boolean {
    return this.trust.isTrusted;
  }

  startScheduler(): void {
    if (this.scheduler) return;
    if (!this.trust.isTrusted) {
      if (!this.schedulerWanted) this.log.info(`Restricted Mode: the schedules of ${this.root} run once the workspace is trusted`);
      this.schedulerWanted = true;
      return;
    }
    this.schedulerWanted = false;
    this.scheduler = this.newScheduler();
    this.scheduler.start();
  }

  private newScheduler(): LocalScheduler {
    return new LocalScheduler(this.backend, {
      logger: this.log,
      onExecution: (execution) => {
        this.log.info(`Local execution ${execution.scheduleName} ${execution.scheduledTime.toISOString()}: ${execution.status}`);
        this.onChange(execution);
      },
    });
  }

  async stopScheduler(): Promise<void> {
    this.schedulerWanted = false;
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    await scheduler?.stop();
  }

  /**
   * Runs what is due at once (a new one-time schedule) instead of at the scheduler's next poll. With the
   * hourly scheduler off, a one-off scheduler runs the one-time schedules only: it never back-fills hours.
   */
  async runDueExecutions(): Promise<void> {
    requireTrust(this.trust, 'Running a monitor');
    await (this.scheduler ?? this.newScheduler()).tick();
  }

  isServing(endpointName: string): boolean {
    return this.servers.has(endpointName);
  }

  /** Starts the endpoint's inference server (if not running) and returns its invocations URL. */
  async startEndpoint(endpointName: string): Promise<string> {
    requireTrust(this.trust, `Serving the endpoint ${endpointName}`);
    const running = this.servers.get(endpointName);
    if (running) return running.invocationsUrl;
    let starting = this.starting.get(endpointName);
    if (!starting) {
      starting = this.launch(endpointName).finally(() => this.starting.delete(endpointName));
      this.starting.set(endpointName, starting);
    }
    return (await starting).invocationsUrl;
  }

  private async launch(endpointName: string): Promise<LocalEndpointServer> {
    const server = await LocalEndpointServer.start(this.backend, endpointName, { logger: this.log, flushIntervalMs: CAPTURE_FLUSH_MS });
    this.servers.set(endpointName, server);
    this.log.info(`Serving ${endpointName} at ${server.invocationsUrl}`);
    this.onChange();
    return server;
  }

  async stopEndpoint(endpointName: string): Promise<void> {
    const server = this.servers.get(endpointName);
    if (!server) return;
    if (endpointName === DEMO.endpointName) await this.stopTraffic();
    this.servers.delete(endpointName);
    await server.stop();
    this.log.info(`Stopped serving ${endpointName}`);
    this.onChange();
  }

  get trafficRunning(): boolean {
    return this.traffic?.isRunning ?? false;
  }

  /** Serves the demo endpoint and keeps sending it perturbed requests (and their ground truth). */
  async startTraffic(): Promise<void> {
    requireTrust(this.trust, 'Generating demo traffic');
    if (this.traffic?.isRunning) return;
    // A second start while the first is still starting the server must not create a second generator.
    this.trafficStarting ??= this.launchTraffic().finally(() => (this.trafficStarting = undefined));
    await this.trafficStarting;
  }

  private async launchTraffic(): Promise<void> {
    // A server the traffic started stops with it; one the user started keeps serving.
    this.trafficOwnsServer = !this.servers.has(DEMO.endpointName);
    const endpointUrl = await this.startEndpoint(DEMO.endpointName);
    const traffic = new DemoTrafficGenerator({ root: this.root, endpointUrl, logger: this.log });
    await traffic.start();
    this.traffic = traffic;
    this.onChange();
  }

  async stopTraffic(): Promise<{ sent: number; failed: number } | undefined> {
    await this.trafficStarting?.catch(() => undefined); // a start under way would otherwise outlive this stop
    const traffic = this.traffic;
    this.traffic = undefined;
    if (traffic) {
      await traffic.stop();
      // What the traffic produced is on disk when it stops, ready to be analysed.
      await this.servers.get(DEMO.endpointName)?.flushCapture();
      this.log.info(`Demo traffic stopped after ${traffic.stats.sent} requests (${traffic.stats.failed} failed, ${traffic.stats.labelsWritten} labels)`);
      this.onChange();
    }
    return traffic ? { sent: traffic.stats.sent, failed: traffic.stats.failed } : undefined;
  }

  /**
   * Stops the demo traffic and, when the traffic started the demo endpoint's server, that server too,
   * so the endpoint stops saying "serving". Says what ran, and whether the server still serves.
   */
  async stopTrafficAndItsServer(): Promise<{ sent: number; failed: number; stillServing: boolean } | undefined> {
    const owned = this.trafficOwnsServer;
    const stats = await this.stopTraffic();
    if (!stats) return undefined;
    if (owned) await this.stopEndpoint(DEMO.endpointName);
    this.trafficOwnsServer = false;
    return { ...stats, stillServing: this.servers.has(DEMO.endpointName) };
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled(this.starting.values()); // so a server still starting is stopped too
    await this.stopTraffic();
    await this.stopScheduler();
    await Promise.all([...this.servers.values()].map((s) => s.stop()));
    this.servers.clear();
  }

  dispose(): void {
    this.trustSubscription.dispose();
    void this.stopAll().catch((e: unknown) => this.log.error(`Stopping ${this.root} failed: ${e instanceof Error ? e.message : String(e)}`));
  }
}
