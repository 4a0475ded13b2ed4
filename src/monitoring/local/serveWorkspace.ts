/**
 * Brings a local workspace to life: an HTTP server for each of its endpoints and the scheduler, and
 * optionally the demo traffic generator — what `model-monitor serve` runs until Ctrl-C, and what the
 * extension starts for an open local workspace.
 */
import { readFile } from 'node:fs/promises';
import { DemoTrafficGenerator } from '../demo/demoTrafficGenerator';
import { MonitoringError } from '../errors';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { LocalBackend } from './localBackend';
import { LocalEndpointServer, startWorkspaceEndpoints } from './localEndpointServer';
import { LocalScheduler } from './scheduler';
import type { WorkspaceMarker } from './workspaceLayout';
import { WorkspaceLayout } from './workspaceLayout';

export interface ServeOptions {
  logger?: Logger;
  /** Also send demo traffic (demo workspaces only). */
  traffic?: boolean;
  trafficRequestsPerSecond?: number;
  /** Scheduler start delay after the top of the hour (default one minute). */
  startDelayMs?: number;
  captureFlushIntervalMs?: number;
}

export interface ServedWorkspace {
  backend: LocalBackend;
  servers: LocalEndpointServer[];
  scheduler: LocalScheduler;
  traffic?: DemoTrafficGenerator;
  /** Stops traffic, scheduler and servers (flushing capture), in that order. */
  stop(): Promise<void>;
}

/** Reads the workspace marker; a folder without one is not a local workspace. */
export async function readWorkspaceMarker(root: string): Promise<WorkspaceMarker> {
  const file = new WorkspaceLayout(root).markerFile;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as WorkspaceMarker;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new MonitoringError(
      missing ? 'NotFound' : 'BadData',
      missing ? `${root} is not a local Model Monitor workspace (no ${file}).` : `${file} is not valid JSON: ${(e as Error).message}`,
      { resource: file },
    );
  }
}

export async function serveWorkspace(root: string, options: ServeOptions = {}): Promise<ServedWorkspace> {
  await readWorkspaceMarker(root);
  const logger = options.logger ?? silentLogger;
  const backend = new LocalBackend(root, { logger });
  const servers = await startWorkspaceEndpoints(backend, { logger, ...(options.captureFlushIntervalMs !== undefined ? { flushIntervalMs: options.captureFlushIntervalMs } : {}) });
  const scheduler = new LocalScheduler(backend, { logger, ...(options.startDelayMs !== undefined ? { startDelayMs: options.startDelayMs } : {}) });
  scheduler.start();
  let traffic: DemoTrafficGenerator | undefined;
  try {
    if (options.traffic) {
      traffic = new DemoTrafficGenerator({ root, logger, ...(options.trafficRequestsPerSecond !== undefined ? { requestsPerSecond: options.trafficRequestsPerSecond } : {}) });
      await traffic.start();
    }
  } catch (e) {
    await scheduler.stop();
    await Promise.all(servers.map((s) => s.stop()));
    throw e;
  }
  return {
    backend,
    servers,
    scheduler,
    ...(traffic ? { traffic } : {}),
    async stop() {
      await traffic?.stop();
      await scheduler.stop();
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
