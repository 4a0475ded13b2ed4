/**
 * Restricted Mode: a folder the user has not trusted may be shown, but nothing of it runs — no
 * scheduler, no inference server, no one-time (NOW) schedule — because its documents decide what runs
 * and where it writes. What runs waits for `onDidGrantWorkspaceTrust`. Only the two members of
 * `vscode.workspace` we use, so the gating is unit-testable without VS Code.
 */
export interface WorkspaceTrust {
  readonly isTrusted: boolean;
  onDidGrantWorkspaceTrust(listener: () => void): { dispose(): void };
}

/** Trust that is always granted: for `model-monitor serve` and tests, which the user starts by hand. */
export const alwaysTrusted: WorkspaceTrust = {
  isTrusted: true,
  onDidGrantWorkspaceTrust: () => ({ dispose: () => undefined }),
};

export class RestrictedModeError extends Error {
  override readonly name = 'RestrictedModeError';
}

/** Throws, saying what was refused and how to allow it, unless the workspace is trusted. */
export function requireTrust(trust: WorkspaceTrust, action: string): void {
  if (trust.isTrusted) return;
  throw new RestrictedModeError(
    `${action} is not allowed in Restricted Mode: a local workspace's documents decide what runs and where it writes. ` +
      'Trust this workspace (Manage Workspace Trust) to run it.',
  );
}
