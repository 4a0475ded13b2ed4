import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import type { Logger } from '../monitoring/logger';
import { CAPTURED_DATA_VIEW_TYPE, CapturedDataPanel, type CapturedDataHost } from '../panels/capturedDataPanel';
import { isCapturedDataState } from '../panels/capturedDataProtocol';
import { MonitorFileSystem } from '../panels/monitorFileSystem';
import { captureTarget } from './dataCaptureCommands';
import { formatUtc, parseUtcTime, presetWindow, validateUtcTime, validateWindowEnd, type TimeWindow } from './captureWindow';
import { reportError } from './reportError';

/** Last hour, last 24 hours, or a custom UTC range (two input boxes, each checked as typed). */
export async function pickCaptureWindow(now = new Date()): Promise<TimeWindow | undefined> {
  const items: (vscode.QuickPickItem & { choice: 'lastHour' | 'last24Hours' | 'custom' })[] = [
    { label: 'Last hour', description: `${formatUtc(presetWindow('lastHour', now).start)} → now`, choice: 'lastHour' },
    { label: 'Last 24 hours', description: `${formatUtc(presetWindow('last24Hours', now).start)} → now`, choice: 'last24Hours' },
    { label: 'Custom range (UTC)…', choice: 'custom' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Browse Captured Data', placeHolder: 'Which requests to show' });
  if (!picked) return undefined;
  if (picked.choice !== 'custom') return presetWindow(picked.choice, now);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const startText = await vscode.window.showInputBox({
    title: 'Browse Captured Data: from (UTC)',
    prompt: 'Start of the range, in UTC: 2024-05-01 10:00 or 2024-05-01T10:00Z',
    value: formatUtc(hourAgo).slice(0, 16),
    validateInput: validateUtcTime,
  });
  if (startText === undefined) return undefined;
  const start = parseUtcTime(startText) as Date;
  const endText = await vscode.window.showInputBox({
    title: 'Browse Captured Data: to (UTC)',
    prompt: `End of the range (not included), in UTC, after ${formatUtc(start)}`,
    value: formatUtc(new Date(Math.max(now.getTime(), start.getTime() + 3_600_000))).slice(0, 16),
    validateInput: (text) => validateWindowEnd(text, start),
  });
  if (endText === undefined) return undefined;
  return { start, end: parseUtcTime(endText) as Date };
}

export function registerCapturedDataCommands(extensionUri: vscode.Uri, registry: ConnectionRegistry, log: Logger): vscode.Disposable[] {
  const host: CapturedDataHost = {
    extensionUri,
    log,
    connectionById: (id) => registry.connections.find((c) => c.id === id),
    pickWindow: () => pickCaptureWindow(),
  };
  return [
    ...MonitorFileSystem.register(registry, log),
    /** Arguments (for scripts and tests): the endpoint's node, then `{ start, end }` to skip the window prompt. */
    vscode.commands.registerCommand('sagemakerModelMonitor.browseCapturedData', async (arg?: unknown, given?: { start: Date | string; end: Date | string }) => {
      const target = await captureTarget(arg, registry, 'Endpoint whose captured data to browse');
      if (!target) return undefined;
      try {
        const endpoint = await target.connection.backend.describeEndpoint(target.endpointName);
        let destination = endpoint.dataCapture?.destinationS3Uri;
        // Capture turned off: the data captured earlier is still at the config's destination.
        if (!destination) destination = (await target.connection.backend.describeEndpointConfig(endpoint.endpointConfigName)).dataCapture?.destinationS3Uri;
        if (!destination) {
          const enable = 'Enable Data Capture…';
          const choice = await vscode.window.showInformationMessage(`${target.endpointName} has never captured data: enable data capture first.`, enable);
          if (choice === enable) await vscode.commands.executeCommand('sagemakerModelMonitor.enableDataCapture', arg);
          return undefined;
        }
        const window = given ? { start: new Date(given.start), end: new Date(given.end) } : await pickCaptureWindow();
        if (!window) return undefined;
        return CapturedDataPanel.show(host, {
          connectionId: target.connection.id,
          endpointName: target.endpointName,
          destinationS3Uri: destination,
          start: window.start.toISOString(),
          end: window.end.toISOString(),
        });
      } catch (e) {
        reportError(log, `Browsing the captured data of ${target.endpointName}`, e);
        return undefined;
      }
    }),
    vscode.window.registerWebviewPanelSerializer(CAPTURED_DATA_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        if (isCapturedDataState(state)) {
          CapturedDataPanel.restore(panel, host, state);
        } else {
          // Nothing to come back to (the panel closed before its first page): say so rather than stay blank.
          panel.dispose();
        }
      },
    }),
  ];
}
