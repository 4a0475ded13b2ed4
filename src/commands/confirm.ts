import * as vscode from 'vscode';
import type { Confirmation } from '../monitoring/cleanup';

/**
 * What a script (or a test) running a destructive command may pass after asking the user itself;
 * from the tree and the palette the command always asks.
 */
export interface ConfirmOptions {
  confirmed?: boolean;
}

/** A modal warning naming what goes, with one button that goes ahead; true when the user chose it. */
export async function confirmModal(confirmation: Confirmation, options?: ConfirmOptions): Promise<boolean> {
  if (options?.confirmed === true) return true;
  const choice = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, confirmation.action);
  return choice === confirmation.action;
}

/** Success goes to the status bar for a few seconds, not a notification (VS Code's UX guidelines). */
export function statusMessage(text: string): void {
  vscode.window.setStatusBarMessage(`$(check) ${text}`, 8_000);
}
