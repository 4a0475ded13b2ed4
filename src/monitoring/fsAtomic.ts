/**
 * Local writes that never leave a half-written file (write a sibling temp file, then rename over), and
 * the containment check for files of a folder we do not control: a cloned workspace may hold symbolic
 * links pointing anywhere, and we must neither read nor write through them out of the folder.
 */
import { lstat, mkdir, open, readFile, readlink, realpath, rename, rm } from 'node:fs/promises';
import { dirname, basename, isAbsolute, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MonitoringError } from './errors';

export interface WriteOptions {
  /** Refuse the write when `path` resolves (through symbolic links) outside this folder. */
  within?: string;
}

export async function writeFileAtomic(path: string, data: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
  if (options.within !== undefined) await assertWithin(options.within, path);
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** Creates the file only if it does not exist yet; returns false (and writes nothing) when it does. */
export async function writeFileExclusive(path: string, data: Uint8Array | string, options: WriteOptions = {}): Promise<boolean> {
  if (options.within !== undefined) await assertWithin(options.within, path);
  await mkdir(dirname(path), { recursive: true });
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** readFile, refused when `path` resolves outside `root`. */
export async function readFileWithin(root: string, path: string): Promise<Buffer> {
  await assertWithin(root, path);
  return readFile(path);
}

/**
 * Throws (AccessDenied) unless `path`, with every symbolic link resolved, lies inside `root` (also
 * resolved, so a workspace opened through a linked path still works). For a path that does not exist
 * yet, its deepest existing ancestor is resolved: that is where mkdir and the write would land. A link
 * as the last segment of a write's target is harmless (rename replaces the link itself), but it is
 * resolved here like any other, so reads and writes agree.
 */
export async function assertWithin(root: string, path: string): Promise<void> {
  const realRoot = await realpath(root).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (realRoot === undefined) return; // nothing exists yet, so nothing can be linked out of it
  let candidate = path;
  let resolved: string | undefined;
  let missing = '';
  while (resolved === undefined) {
    try {
      resolved = join(await realpath(candidate), missing);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      // A dangling link above the target would have mkdir create its target, wherever that is.
      const link = candidate !== path ? await lstat(candidate).catch(() => undefined) : undefined;
      if (link?.isSymbolicLink()) throw outside(path, `${candidate} → ${await readlink(candidate)} (missing)`, root);
      const parent = dirname(candidate);
      if (parent === candidate) return;
      missing = missing ? join(basename(candidate), missing) : basename(candidate);
      candidate = parent;
    }
  }
  if (!isInside(realRoot, resolved)) throw outside(path, resolved, root);
}

function outside(path: string, target: string, root: string): MonitoringError {
  return new MonitoringError(
    'AccessDenied',
    `Refused to follow a symbolic link out of the workspace: ${path} leads to ${target}, outside ${root}. Replace the link with a folder or file inside the workspace.`,
    { resource: path },
  );
}

/** True when `path` is `root` or below it (both absolute and resolved). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}
