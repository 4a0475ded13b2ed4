import type { MonitoringBackend } from '../monitoring/backend';
import type { LocalRuntime } from './localRuntime';

/** One entry at the top of the explorer: an AWS profile + region, or a local workspace folder. */
export interface Connection {
  /** Stable across refreshes: `aws:<profile>@<region>` or `local:<absolute path>`. */
  readonly id: string;
  readonly kind: 'aws' | 'local';
  readonly label: string;
  readonly description: string;
  /** Where it came from: the user's settings can be edited; an open workspace folder cannot be removed. */
  readonly source: 'settings' | 'workspaceFolder';
  /** Local workspaces only. */
  readonly root?: string;
  readonly backend: MonitoringBackend;
  /** Local workspaces only: their inference servers, scheduler and demo traffic. */
  readonly runtime?: LocalRuntime;
}
