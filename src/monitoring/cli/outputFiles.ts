/**
 * Output files of a command, all or nothing. The output folder is checked before any work starts (a
 * file where a folder is expected, a folder we cannot write, the kernel's /proc, /sys and /dev, an
 * output file that exists without --overwrite or is a folder): each is refused with a sentence at
 * once. The files are then written into a staging folder of ours inside the output folder and moved
 * in only when all are written; if a move fails, the files already moved are put back as they were.
 */
import { lstat, mkdir, mkdtemp, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { UsageError } from './command';

export interface OutputFile {
  name: string;
  text: string;
}

/** Virtual file systems of the kernel: writing there is never what a user meant, and can hang. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

const PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted (is the folder immutable or owned by someone else?)',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'part of the path is a file, not a folder',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has a loop of symbolic links',
  EISDIR: 'a folder is in the way',
  EEXIST: 'something else is in the way',
};

/** A file-system failure as a sentence about `what` (exit 2), or the error itself when it is not one. */
export function outputFailure(error: unknown, what: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem = code !== undefined ? PROBLEMS[code] : undefined;
  return problem !== undefined ? new UsageError(`${what}: ${problem} (${code}); nothing was written.`) : error;
}

/** The nearest folder of `path` (itself or an ancestor) that exists, and the ones to create below it. */
async function nearestExisting(path: string): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      const info = await stat(current);
      if (!info.isDirectory()) {
        throw new UsageError(
          current === path
            ? `--output ${path} is a file; give a folder (it is created when missing).`
            : `--output ${path} cannot be created: ${current} is a file, not a folder.`,
        );
      }
      return { existing: current, missing };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw outputFailure(e, `--output ${path}`);
      const parent = dirname(current);
      if (parent === current) throw e;
      missing.unshift(current);
      current = parent;
    }
  }
}

function systemFolderOf(path: string): string | undefined {
  return SYSTEM_FOLDERS.find((folder) => path === folder || path.startsWith(`${folder}${sep}`));
}

/** A checked output folder with our staging folder in it; `commit` moves the files in, `discard` undoes all. */
export class PreparedOutput {
  private constructor(
    readonly directory: string,
    private readonly staging: string,
    private readonly created: string | undefined,
  ) {}

  /**
   * Checks `directory` and the files that will be written there, creates the folder when missing, and
   * makes the staging folder (which also proves that we can write there). Throws UsageError otherwise.
   */
  static async prepare(directory: string, names: readonly string[], overwrite: boolean): Promise<PreparedOutput> {
    const absolute = resolve(directory);
    const { existing, missing } = await nearestExisting(absolute);
    const real = await realpath(existing).catch(() => existing);
    const system = systemFolderOf(real) ?? systemFolderOf(absolute);
    if (system !== undefined) throw new UsageError(`--output ${directory} is inside ${system}, the kernel's virtual files; choose a folder of yours.`);
    await checkTargets(absolute, names, overwrite, missing.length > 0);
    try {
      if (missing.length > 0) await mkdir(absolute, { recursive: true });
    } catch (e) {
      throw outputFailure(e, `--output ${directory} cannot be created`);
    }
    try {
      const staging = await mkdtemp(join(absolute, '.model-monitor-output-'));
      return new PreparedOutput(absolute, staging, missing[0]);
    } catch (e) {
      if (missing.length > 0) await removeCreated(missing[0], absolute);
      throw outputFailure(e, `cannot write to --output ${directory}`);
    }
  }

  /** Writes every file into the staging folder, then moves them all in; returns the paths written. */
  async commit(files: readonly OutputFile[]): Promise<string[]> {
    try {
      for (const file of files) await writeFile(join(this.staging, file.name), file.text);
    } catch (e) {
      await this.discard();
      throw outputFailure(e, `cannot write to --output ${this.directory}`);
    }
    const moved: { target: string; staged: string; backup?: string }[] = [];
    try {
      for (const file of files) {
        const target = join(this.directory, file.name);
        const staged = join(this.staging, file.name);
        const step: { target: string; staged: string; backup?: string } = { target, staged };
        const existing = await lstat(target).catch(() => undefined);
        if (existing?.isDirectory()) throw new UsageError(`${target} is a folder; --overwrite replaces files only (nothing was written).`);
        if (existing !== undefined) {
          const backup = join(this.staging, `${file.name}.previous`);
          await rename(target, backup);
          step.backup = backup;
        }
        moved.push(step);
        await rename(staged, target);
      }
    } catch (e) {
      await putBack(moved);
      await this.discard();
      if (e instanceof UsageError) throw e;
      throw outputFailure(e, `cannot write to --output ${this.directory}`);
    }
    await rm(this.staging, { recursive: true, force: true });
    return files.map((file) => join(this.directory, file.name));
  }

  /** Removes the staging folder, and the output folder too when this run created it (and it is empty). */
  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
    if (this.created !== undefined) await removeCreated(this.created, this.directory);
  }
}

async function checkTargets(directory: string, names: readonly string[], overwrite: boolean, missing: boolean): Promise<void> {
  if (missing) return;
  for (const name of names) {
    const path = join(directory, name);
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw outputFailure(e, `--output ${path}`);
    }
    if (!overwrite) throw new UsageError(`${path} already exists; pass --overwrite to replace it (nothing was written).`);
    if (!info.isFile()) throw new UsageError(`${path} is ${info.isDirectory() ? 'a folder' : 'not a file'}; --overwrite replaces files only (nothing was written).`);
  }
}

/** Undoes a half-done move: each moved file goes back to the staging folder, each backup to its place. */
async function putBack(moved: readonly { target: string; staged: string; backup?: string }[]): Promise<void> {
  for (const step of [...moved].reverse()) {
    await rename(step.target, step.staged).catch(() => undefined);
    if (step.backup !== undefined) await rename(step.backup, step.target).catch(() => undefined);
  }
}

/** Removes the empty folders from `top` down to `directory` that a run created. */
async function removeCreated(top: string, directory: string): Promise<void> {
  for (let current = directory; ; current = dirname(current)) {
    const removed = await rmdir(current).then(
      () => true,
      () => false,
    );
    if (!removed || current === top || dirname(current) === current) return;
  }
}

/** Checks the output folder and files before any work starts (see PreparedOutput.prepare). */
export async function ensureWritable(directory: string, names: readonly string[], overwrite: boolean): Promise<void> {
  const prepared = await PreparedOutput.prepare(directory, names, overwrite);
  await prepared.discard();
}

/** Writes the files all or nothing; returns the paths written. */
export async function writeOutputs(directory: string, files: readonly OutputFile[]): Promise<string[]> {
  const prepared = await PreparedOutput.prepare(directory, [], true);
  return prepared.commit(files);
}

/** Runs `work` with a prepared output folder: its files are moved in when it succeeds; nothing stays when it fails. */
export async function withOutput(
  directory: string,
  names: readonly string[],
  overwrite: boolean,
  work: () => Promise<OutputFile[]>,
): Promise<string[]> {
  const prepared = await PreparedOutput.prepare(directory, names, overwrite);
  let files: OutputFile[];
  try {
    files = await work();
  } catch (e) {
    await prepared.discard();
    throw e;
  }
  return prepared.commit(files);
}
