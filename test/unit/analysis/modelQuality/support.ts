/** Small files for model-quality tests, written to a fresh temporary folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOLDEN_DIR } from '../../support/fixtures';

export const GOLDEN = GOLDEN_DIR;

const tempDirs: string[] = [];

// One root-level hook (this module loads once) removes every folder tempDir made, after the whole run.
after(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system's temporary folder, removed when the test run ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mq-test-'));
  tempDirs.push(dir);
  return dir;
}

export function writeLines(dir: string, name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
  return path;
}

/** A CSV with header `prediction,label` holding `count` copies of each (prediction, label) pair given. */
export function pairsCsv(dir: string, name: string, pairs: readonly [string, string, number][]): string {
  const lines = ['prediction,label'];
  for (const [prediction, label, count] of pairs) for (let i = 0; i < count; i++) lines.push(`${prediction},${label}`);
  return writeLines(dir, name, lines);
}

export function captureLine(options: { eventId: string; inferenceId?: string; time: string; output: string; encoding?: 'CSV' | 'JSON' }): string {
  const encoding = options.encoding ?? 'CSV';
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2,3', encoding: 'CSV' },
      endpointOutput: {
        observedContentType: encoding === 'CSV' ? 'text/csv; charset=utf-8' : 'application/json',
        mode: 'OUTPUT',
        data: options.output,
        encoding,
      },
    },
    eventMetadata: { eventId: options.eventId, ...(options.inferenceId ? { inferenceId: options.inferenceId } : {}), inferenceTime: options.time },
    eventVersion: '0',
  });
}

export function groundTruthLine(eventId: string, label: string): string {
  return JSON.stringify({ groundTruthData: { data: label, encoding: 'CSV' }, eventMetadata: { eventId }, eventVersion: '0' });
}
