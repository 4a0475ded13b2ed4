import * as vscode from 'vscode';
import type { Logger } from '../monitoring/logger';
import { isMonitoringError } from '../monitoring/errors';

/** Logs a failed action and tells the user what failed and why, with a way to the log. */
export function reportError(log: Logger, action: string, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  const kind = isMonitoringError(e) ? ` [${e.kind}]` : '';
  log.error(`${action} failed${kind}: ${message}`);
  void vscode.window.showErrorMessage(`${action} failed: ${message}`, 'Show Log').then((choice) => {
    if (choice) void vscode.commands.executeCommand('sagemakerModelMonitor.showLog');
  });
}
