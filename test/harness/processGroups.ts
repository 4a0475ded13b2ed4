// Servers run in their own process group (spawn with `detached: true`), so stopping one stops
// everything it started (the extension host, file watchers, the pty host), and whatever ends this
// process also ends the groups still running.
import type { ChildProcess } from 'node:child_process';
import { onProcessExit } from './exitCleanup';

/** Kills a detached child's process group when this process ends, unless it has exited already. */
export function trackProcessGroup(child: ChildProcess): void {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const cancel = onProcessExit(() => signalGroup(pgid, 'SIGKILL'));
  child.once('exit', () => {
    // The leader is gone, but its children may not be: sweep the group before forgetting it.
    signalGroup(pgid, 'SIGKILL');
    cancel();
  });
}

/** Asks the group to terminate; kills it outright if its leader has not exited after `graceMs`. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pgid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group has already ended.
  }
}
