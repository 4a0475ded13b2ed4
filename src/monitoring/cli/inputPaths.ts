/**
 * Capture and ground-truth inputs given as files or folders. A folder stands for every `*.jsonl` file
 * below it, in S3 key order (byte order of the UTF-8 relative path), which is the order SageMaker lists
 * the hour folders `yyyy/mm/dd/HH/` and the files in them.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UsageError } from './command';

function jsonlFilesUnder(folder: string): string[] {
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.jsonl')).map((entry) => join(entry.parentPath, entry.name));
  const key = (path: string) => Buffer.from(relative(folder, path).split(sep).join('/'), 'utf8');
  return files.sort((a, b) => Buffer.compare(key(a), key(b)));
}

/** Expands folders; `option` names the flag in error messages. */
export async function expandJsonlPaths(paths: readonly string[], option: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = statSync(path);
    } catch {
      throw new UsageError(`--${option}: ${path} does not exist.`);
    }
    if (info.isDirectory()) {
      const found = jsonlFilesUnder(path);
      if (found.length === 0) throw new UsageError(`--${option}: the folder ${path} holds no .jsonl files.`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return files;
}
