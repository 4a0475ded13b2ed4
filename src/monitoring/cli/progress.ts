/**
 * Progress on stderr for long inputs: nothing for the first second (short runs stay quiet), then at
 * most one line a second.
 */
import type { CliIo } from './command';

const QUIET_MS = 1000;
const INTERVAL_MS = 1000;

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function progressReporter(io: CliIo, label: string, now: () => number = Date.now): (bytesRead: number, totalBytes: number) => void {
  const started = now();
  let last = started;
  return (bytesRead, totalBytes) => {
    const time = now();
    if (time - started < QUIET_MS || time - last < INTERVAL_MS) return;
    last = time;
    const percent = totalBytes > 0 ? Math.min(100, Math.floor((bytesRead / totalBytes) * 100)) : 100;
    io.err(`${label}: ${percent}% (${megabytes(bytesRead)} of ${megabytes(totalBytes)})\n`);
  };
}
