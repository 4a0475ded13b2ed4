/**
 * Output files of a command: all-or-nothing refusal to overwrite (checked before any work starts), and
 * atomic writes so that an interrupted run never leaves a half-written file.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fsAtomic';
import { UsageError } from './command';

export async function ensureWritable(directory: string, names: readonly string[], overwrite: boolean): Promise<void> {
  if (overwrite) return;
  for (const name of names) {
    const path = join(directory, name);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new UsageError(`${path} already exists; pass --overwrite to replace it (nothing was written).`);
  }
}

/** Writes each file atomically; returns the paths written. */
export async function writeOutputs(directory: string, files: readonly { name: string; text: string }[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const path = join(directory, file.name);
    await writeFileAtomic(path, file.text);
    written.push(path);
  }
  return written;
}
