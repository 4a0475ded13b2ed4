// Clean-up that must happen however this process ends: normally, by an exception, or by Ctrl-C /
// SIGTERM / SIGHUP (which otherwise end Node without running 'exit' handlers). Tasks are synchronous,
// since they may run inside an 'exit' handler.
type Task = () => void;

const tasks = new Set<Task>();
let handlersInstalled = false;
const signalExitCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** Runs `task` when the process ends; the returned function cancels it (call it once the task is done). */
export function onProcessExit(task: Task): () => void {
  installHandlers();
  tasks.add(task);
  return () => tasks.delete(task);
}

function runAll(): void {
  for (const task of [...tasks]) {
    tasks.delete(task);
    try {
      task();
    } catch {
      // Best effort: one failed clean-up must not stop the others.
    }
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runAll();
      // End as the signal intended, unless another handler (mocha, Playwright) takes over.
      if (process.listenerCount(signal) === 0) process.exit(signalExitCodes[signal]);
    });
  }
}
