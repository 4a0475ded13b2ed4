import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import { isMonitoringError } from '../monitoring/errors';
import { parseConstraints } from '../monitoring/formats/constraints';
import { FormatError } from '../monitoring/formats/formatError';
import type { Logger } from '../monitoring/logger';
import { backupStamp, CONSTRAINTS_FILE } from '../monitoring/monitoringFiles';
import { parseS3Uri } from '../monitoring/objectStore';

/** Read-only views of S3 objects (or of a local workspace's files) through a connection's backend. */
export const READ_ONLY_SCHEME = 'sagemaker-monitor';
/** The same objects, writable for `constraints.json` only: saving validates, confirms and keeps a backup. */
export const EDIT_SCHEME = 'sagemaker-monitor-edit';

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
const unhex = (text: string) => Buffer.from(text, 'hex').toString('utf8');

/**
 * `sagemaker-monitor://<connection id, hex>/<bucket>/<key>`: the connection picks the backend (and its
 * credentials); the path is the object's, so the editor's tab shows the file's own name.
 */
export function objectDocumentUri(connection: Connection, s3Uri: string, options: { edit?: boolean } = {}): vscode.Uri {
  const { bucket, key } = parseS3Uri(s3Uri);
  return vscode.Uri.from({ scheme: options.edit ? EDIT_SCHEME : READ_ONLY_SCHEME, authority: hex(connection.id), path: `/${bucket}/${key}` });
}

export class MonitorFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly log: Logger,
    private readonly writable: boolean,
  ) {}

  static register(registry: ConnectionRegistry, log: Logger): vscode.Disposable[] {
    return [
      vscode.workspace.registerFileSystemProvider(READ_ONLY_SCHEME, new MonitorFileSystem(registry, log, false), { isCaseSensitive: true, isReadonly: true }),
      vscode.workspace.registerFileSystemProvider(EDIT_SCHEME, new MonitorFileSystem(registry, log, true), { isCaseSensitive: true }),
    ];
  }

  private resolve(uri: vscode.Uri): { connection: Connection; s3Uri: string } {
    const id = unhex(uri.authority);
    const connection = this.registry.connections.find((c) => c.id === id);
    if (!connection) throw vscode.FileSystemError.Unavailable(`The connection ${id} is no longer in the Endpoints view; add it again to open ${uri.path}.`);
    return { connection, s3Uri: `s3:/${uri.path}` };
  }

  watch(): vscode.Disposable {
    // S3 has no change notifications; the editor re-reads on focus when the stat's mtime moves.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { connection, s3Uri } = this.resolve(uri);
    const info = await this.map(s3Uri, () => connection.backend.statObject(s3Uri));
    if (!info) throw vscode.FileSystemError.FileNotFound(uri);
    const editable = this.writable && isConstraintsFile(s3Uri);
    return {
      type: vscode.FileType.File,
      ctime: info.lastModified.getTime(),
      mtime: info.lastModified.getTime(),
      size: info.size,
      ...(editable ? {} : { permissions: vscode.FilePermission.Readonly }),
    };
  }

  readDirectory(): [string, vscode.FileType][] {
    throw vscode.FileSystemError.NoPermissions('Folders of S3 are not listed here; open files from the Endpoints view.');
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Folders cannot be created here.');
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { connection, s3Uri } = this.resolve(uri);
    return this.map(s3Uri, () => connection.backend.readObject(s3Uri));
  }

  /**
   * Saving a constraints.json: our parser checks it first (an invalid file is not written and the
   * editor keeps the changes), then the user confirms, then the previous version is copied beside it
   * as `constraints.json.bak-<UTC time>` and the new one written to the same location.
   */
  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { connection, s3Uri } = this.resolve(uri);
    if (!this.writable || !isConstraintsFile(s3Uri)) throw vscode.FileSystemError.NoPermissions(`${s3Uri} is read-only here; only constraints.json files can be edited.`);
    let constraints;
    try {
      constraints = parseConstraints(Buffer.from(content).toString('utf8'), s3Uri);
    } catch (e) {
      if (e instanceof FormatError) {
        // VS Code's own report of a failed save names the document's internal URI (hex and all) and
        // wraps our text in "Unknown (FileSystemError)"; this one says plainly what is wrong and where.
        void vscode.window.showErrorMessage(`Not saved: ${e.message}. Fix it and save again; your changes are still in the editor and ${CONSTRAINTS_FILE} is unchanged.`);
        throw new vscode.FileSystemError(`Not saved, the constraints are not valid: ${e.message}`);
      }
      throw e;
    }
    const now = new Date();
    if (vscode.workspace.getConfiguration('sagemakerModelMonitor').get<boolean>('confirmConstraintsChanges', true)) {
      const replace = 'Replace';
      const choice = await vscode.window.showWarningMessage(
        `Replace ${s3Uri}?`,
        {
          modal: true,
          detail: `The current version is kept beside it as ${CONSTRAINTS_FILE}.bak-${backupStamp(now)}. Monitors using this baseline check against the new constraints from their next run.`,
        },
        replace,
      );
      if (choice !== replace) throw new vscode.FileSystemError(`Not saved: replacing ${s3Uri} was not confirmed. Your changes are still in the editor.`);
    }
    const { backupUri } = await this.map(s3Uri, () => connection.backend.replaceConstraints(s3Uri, constraints, { now }));
    this.log.info(`Saved ${s3Uri}${backupUri ? `; the previous version is ${backupUri}` : ''}`);
    vscode.window.setStatusBarMessage(`$(check) Saved ${s3Uri}${backupUri ? ` (previous version kept as ${backupUri.slice(backupUri.lastIndexOf('/') + 1)})` : ''}`, 8_000);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Files cannot be deleted here.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Files cannot be renamed here.');
  }

  /** Backend errors as the file-system errors the editor understands, keeping their message. */
  private async map<T>(s3Uri: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (isMonitoringError(e)) {
        this.log.warn(`${s3Uri}: ${e.message}`);
        if (e.kind === 'NotFound') throw vscode.FileSystemError.FileNotFound(e.message);
        if (e.kind === 'AccessDenied') throw vscode.FileSystemError.NoPermissions(e.message);
        throw new vscode.FileSystemError(e.message);
      }
      throw e;
    }
  }
}

function isConstraintsFile(s3Uri: string): boolean {
  return s3Uri.endsWith(`/${CONSTRAINTS_FILE}`);
}

/** Opens an object in an editor, at a 1-based line when given. */
export async function openObject(connection: Connection, s3Uri: string, options: { line?: number; edit?: boolean; column?: vscode.ViewColumn; preview?: boolean } = {}): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(objectDocumentUri(connection, s3Uri, options));
  const line = options.line ? Math.min(options.line - 1, document.lineCount - 1) : undefined;
  const selection = line !== undefined ? new vscode.Range(line, 0, line, 0) : undefined;
  const editor = await vscode.window.showTextDocument(document, { preview: options.preview ?? true, ...(selection ? { selection } : {}), ...(options.column ? { viewColumn: options.column } : {}) });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
  return editor;
}
