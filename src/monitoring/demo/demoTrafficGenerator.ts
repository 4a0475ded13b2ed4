/**
 * Live demo traffic, like the chapter's `generate_load_and_ground_truth_forever()` thread (spec §8.4):
 * keeps sending perturbed test rows to the running local endpoint over HTTP, each with an inference id,
 * and uploads their ground truth (after every pass over the test split, and at least every
 * `groundTruthIntervalMs`), so new executions appear on the next hour while the user watches.
 * The extension's "Generate Demo Traffic" command and `model-monitor serve --traffic` wrap it.
 */
import { readFile } from 'node:fs/promises';
import { MonitoringError } from '../errors';
import type { GroundTruthRecord } from '../formats/groundTruth';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { LocalBackend } from '../local/localBackend';
import { findRunningEndpoint } from '../local/localEndpointServer';
import type { WorkspaceMarker } from '../local/workspaceLayout';
import { WorkspaceLayout } from '../local/workspaceLayout';
import type { AbaloneRow } from './abaloneData';
import { loadAbalone, splitAbalone } from './abaloneData';
import { DEMO } from './demoScenario';
import { demoRequest, groundTruthFor } from './demoTraffic';
import { DemoRandom } from './prng';

export interface DemoTrafficOptions {
  /** The demo workspace (its seed picks the same test split as the history). */
  root: string;
  /** The endpoint's invocations URL; default: the running local server of `abalone-xgb-demo`. */
  endpointUrl?: string;
  requestsPerSecond?: number;
  /** Share of requests perturbed; the chapter's background thread perturbs every one (1). */
  perturbedShare?: number;
  groundTruthIntervalMs?: number;
  seed?: number;
  now?: () => Date;
  logger?: Logger;
  /** abalone.data to use (default: the copy shipped in media/data). */
  dataFile?: string;
}

export interface DemoTrafficStats {
  sent: number;
  failed: number;
  labelsWritten: number;
}

export class DemoTrafficGenerator {
  private readonly backend: LocalBackend;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pending: GroundTruthRecord[] = [];
  private lastUpload = 0;
  private readonly counters: DemoTrafficStats = { sent: 0, failed: 0, labelsWritten: 0 };

  constructor(private readonly options: DemoTrafficOptions) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
    this.backend = new LocalBackend(options.root, { now: this.now, logger: this.logger });
  }

  get stats(): DemoTrafficStats {
    return { ...this.counters };
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Finds the endpoint and starts sending; throws when the workspace is not a demo or no server runs. */
  async start(): Promise<void> {
    if (this.running) return;
    const marker = await readMarker(this.options.root);
    const url = this.options.endpointUrl ?? (await findRunningEndpoint(this.backend, DEMO.endpointName))?.invocationsUrl;
    if (!url) {
      throw new MonitoringError('NotFound', `The demo endpoint ${DEMO.endpointName} is not being served; start it first (model-monitor serve --workspace ${this.options.root}).`, {
        resource: DEMO.endpointName,
      });
    }
    const test = splitAbalone(loadAbalone(this.options.dataFile), marker.demo?.seed ?? DEMO.defaultSeed).test;
    const random = new DemoRandom(this.options.seed ?? (Date.now() ^ process.pid) >>> 0);
    this.running = true;
    this.lastUpload = Date.now();
    this.loop = this.run(url, test, random);
    this.logger.info(`Sending demo traffic to ${url}`);
  }

  /** Stops sending and uploads the labels of what was sent. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.uploadLabels();
  }

  private async run(url: string, test: readonly AbaloneRow[], random: DemoRandom): Promise<void> {
    const interval = 1000 / (this.options.requestsPerSecond ?? 5);
    const share = this.options.perturbedShare ?? 1;
    const labelEvery = this.options.groundTruthIntervalMs ?? 60_000;
    let failures = 0;
    for (let i = 0; this.running; i = (i + 1) % test.length) {
      const started = Date.now();
      const request = demoRequest(test[i], random, random.uniform() < share);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', accept: 'text/csv', 'x-amzn-sagemaker-inference-id': request.inferenceId },
          body: request.payload,
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`HTTP ${response.status}: ${text}`);
        this.counters.sent++;
        this.pending.push(groundTruthFor(request));
        failures = 0;
      } catch (e) {
        this.counters.failed++;
        if (failures++ === 0) this.logger.warn(`Demo traffic: a request to ${url} failed (${(e as Error).message}); retrying.`);
        await this.sleep(Math.min(5000, 250 * failures));
      }
      if (i === test.length - 1 || Date.now() - this.lastUpload >= labelEvery) await this.uploadLabels();
      await this.sleep(interval - (Date.now() - started));
    }
  }

  private async uploadLabels(): Promise<void> {
    this.lastUpload = Date.now();
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    try {
      await this.backend.writeGroundTruth({ groundTruthS3Uri: DEMO.groundTruthUri, time: this.now(), records });
      this.counters.labelsWritten += records.length;
    } catch (e) {
      this.logger.error(`Demo traffic: could not write ${records.length} ground-truth labels: ${(e as Error).message}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

async function readMarker(root: string): Promise<WorkspaceMarker> {
  const file = new WorkspaceLayout(root).markerFile;
  let marker: WorkspaceMarker | undefined;
  try {
    marker = JSON.parse(await readFile(file, 'utf8')) as WorkspaceMarker;
  } catch {
    marker = undefined;
  }
  if (!marker?.demo) throw new MonitoringError('Validation', `${root} is not a demo workspace (no demo entry in ${file}); build one with "model-monitor demo".`, { resource: root });
  return marker;
}
