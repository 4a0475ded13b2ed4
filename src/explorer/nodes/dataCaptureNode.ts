import * as vscode from 'vscode';
import type { Connection } from '../../connections/connection';
import type { DataCaptureConfig, Endpoint } from '../../monitoring/model';
import type { ExplorerContext, ExplorerNode } from '../explorerNode';
import { errorMessage } from '../format';

/** What the row shows of a capture config: on/off first (the word that matters at a narrow width). */
export function captureDescription(endpoint: Endpoint | undefined, config: DataCaptureConfig | undefined): string {
  const status = endpoint?.dataCapture;
  if (!status?.enableCapture && !config?.enableCapture) return 'Off';
  const percent = status?.currentSamplingPercentage ?? config?.initialSamplingPercentage;
  const state = status?.captureStatus === 'Stopped' ? 'Stopped' : 'On';
  return [state, percent !== undefined ? `${percent}%` : undefined, config ? modesText(config) : undefined].filter(Boolean).join(' · ');
}

function modesText(config: DataCaptureConfig): string {
  const modes = new Set(config.captureModes.flatMap((m) => (m === 'InputAndOutput' ? ['Input', 'Output'] : [m])));
  return modes.has('Input') && modes.has('Output') ? 'in+out' : modes.has('Input') ? 'input' : 'output';
}

/**
 * An endpoint's data capture (first child of the endpoint): on or off, sampling, destination, content
 * types and what is captured. Its commands (Enable, Update, Disable, Browse) are in dataCaptureCommands.
 */
export class DataCaptureNode implements ExplorerNode {
  readonly id: string;
  private config: DataCaptureConfig | undefined;
  private configError: string | undefined;
  private loadedFor: string | undefined;

  constructor(
    readonly connection: Connection,
    readonly endpointName: string,
    /** The endpoint's row: capture changes reload it. */
    readonly parent: ExplorerNode,
    private endpoint: Endpoint | undefined,
    private readonly context: ExplorerContext,
  ) {
    this.id = `${connection.id}/endpoint/${endpointName}/dataCapture`;
  }

  /** The endpoint's latest description; the config (modes, content types) is read once per config name. */
  update(endpoint: Endpoint | undefined): void {
    this.endpoint = endpoint;
    if (endpoint && endpoint.endpointConfigName !== this.loadedFor) this.context.enqueue(() => this.loadConfig(endpoint.endpointConfigName));
  }

  get capturing(): boolean {
    return this.endpoint?.dataCapture?.enableCapture ?? false;
  }

  /** The capture root (`DestinationS3Uri`) when capture is configured, even if turned off (old data stays there). */
  get destinationS3Uri(): string | undefined {
    return this.endpoint?.dataCapture?.destinationS3Uri ?? this.config?.destinationS3Uri;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Data capture', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const on = this.capturing;
    item.description = this.endpoint ? captureDescription(this.endpoint, this.config) : '…';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**Data capture** of ');
    tooltip.appendText(this.endpointName);
    tooltip.appendText('\n\n');
    const lines: string[] = [];
    const status = this.endpoint?.dataCapture;
    lines.push(`Capture: ${on ? (status?.captureStatus === 'Stopped' ? 'on, stopped' : 'on') : 'off'}`);
    if (status && on) lines.push(`Sampling: ${status.currentSamplingPercentage}%`);
    const destination = this.destinationS3Uri;
    if (destination) lines.push(`Destination: ${destination}`);
    if (this.config) {
      lines.push(`Captures: ${this.config.captureModes.join(', ')}`);
      lines.push(`CSV content types: ${this.config.csvContentTypes?.join(', ') || 'text/csv (default)'}`);
      lines.push(`JSON content types: ${this.config.jsonContentTypes?.join(', ') || 'application/json (default)'}`);
      if (this.config.kmsKeyId) lines.push(`KMS key: ${this.config.kmsKeyId}`);
    }
    if (this.endpoint && this.endpoint.status !== 'InService') lines.push(`Endpoint: ${this.endpoint.status}`);
    if (this.configError) lines.push(`Could not read the endpoint config: ${this.configError}`);
    tooltip.appendText(lines.join('\n'));
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(on ? 'record' : 'circle-slash');
    const kind = this.connection.kind;
    const browsable = destination ? '.browsable' : '';
    item.contextValue = `dataCapture.${on ? 'on' : 'off'}.${kind}${browsable}`;
    if (destination) item.command = { command: 'sagemakerModelMonitor.browseCapturedData', title: 'Browse Captured Data', arguments: [this] };
    return item;
  }

  private async loadConfig(configName: string): Promise<void> {
    try {
      const config = await this.connection.backend.describeEndpointConfig(configName);
      this.config = config.dataCapture;
      this.configError = undefined;
      this.loadedFor = configName;
    } catch (e) {
      this.configError = errorMessage(e);
      this.context.log.warn(`Describing endpoint config ${configName} failed: ${this.configError}`);
    }
    this.context.refresh(this);
  }
}
