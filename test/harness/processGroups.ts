// Servers run in their own process group (spawn with `detached: true`), so stopping one stops
// everything it started (the extension host, file watchers, the pty host). Whatever ends this
// process (normal exit, an exception, Ctrl-C, SIGTERM) also ends the groups still running.
import type { ChildProcess } from 'node:child_process';

const liveGroups = new Set<number>();
let handlersInstalled = false;

/** Tracks a detached child as a process group to kill when this process ends. */
export function trackProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  installExitHandlers();
  const pgid = child.pid;
  liveGroups.add(pgid);
  child.once('exit', () => {
    // The leader is gone, but its children may not be: sweep the group before forgetting it.
    signalGroup(pgid, 'SIGKILL');
    liveGroups.delete(pgid);
  });
}

/** Asks the group to terminate; kills it outright if its leader has not exited after `graceMs`. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid ?? 0, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  if (pgid <= 0) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group has already ended.
  }
}

function killAllGroups(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllGroups);
  const exitCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllGroups();
      // End the process as the signal intended, through process.exit so that 'exit' handlers
      // (removing temporary folders) run; unless another handler (mocha, Playwright) takes over.
      if (process.listenerCount(signal) === 0) process.exit(exitCodes[signal]);
    });
  }
}
