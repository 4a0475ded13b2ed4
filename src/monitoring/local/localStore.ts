/**
 * The API documents of a local workspace (`<root>/api/...`), one JSON file per resource.
 *
 * Concurrency (two VS Code windows, or a window and `model-monitor serve`, on one folder):
 * - every write is a temp file renamed over the target, so a reader never sees half a document;
 * - every read-modify-write (create-if-absent, update, delete) runs under a per-document lock file
 *   `.<Name>.json.lock` created with O_EXCL. Locks are held for milliseconds (never across an
 *   analysis). A lock is stale, and is broken, when it is older than `staleLockMs` or names a process
 *   on this host that no longer exists — so a crashed window never wedges the workspace.
 */
import { hostname } from 'node:os';
import { open, readFile, readdir, rename, rm, stat, link } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { MonitoringError } from '../errors';
import { assertWithin, writeFileAtomic } from '../fsAtomic';
import type { DocumentKind } from './workspaceLayout';
import { WorkspaceLayout, parseExecutionFileStem } from './workspaceLayout';

export interface LocalStoreOptions {
  /** A lock older than this is considered abandoned. */
  staleLockMs?: number;
  /** How long to wait for a lock before giving up. */
  lockTimeoutMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  acquiredAt: string;
}

/** Thrown by an update callback to leave the document unchanged and return nothing. */
export const LEAVE_UNCHANGED = Symbol('leave unchanged');

export class LocalStore {
  readonly layout: WorkspaceLayout;
  private readonly staleLockMs: number;
  private readonly lockTimeoutMs: number;

  constructor(root: string, options: LocalStoreOptions = {}) {
    this.layout = new WorkspaceLayout(root);
    this.staleLockMs = options.staleLockMs ?? 30_000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  }

  // ---- resource documents ------------------------------------------------------------------

  read<T>(kind: DocumentKind, name: string): Promise<T | undefined> {
    return this.readInside<T>(this.layout.documentFile(kind, name));
  }

  /** Every document of a kind, in name order. */
  async list<T>(kind: DocumentKind): Promise<T[]> {
    const dir = this.layout.documentDir(kind);
    await assertWithin(this.layout.root, dir);
    const docs: T[] = [];
    for (const { name: n, isLink } of await documentEntries(dir)) {
      // The folder was checked above: only a link inside it can lead elsewhere.
      const doc = isLink ? await this.readInside<T>(join(dir, n)) : await readJson<T>(join(dir, n));
      if (doc !== undefined) docs.push(doc);
    }
    return docs;
  }

  /**
   * Every document of a kind, in name order, each read on its own: a damaged one comes back as its
   * error and does not hide the others (a scheduler must keep running the healthy schedules).
   */
  async listEach<T>(kind: DocumentKind): Promise<({ file: string; doc: T } | { file: string; error: Error })[]> {
    const dir = this.layout.documentDir(kind);
    await assertWithin(this.layout.root, dir);
    const entries: ({ file: string; doc: T } | { file: string; error: Error })[] = [];
    for (const { name: n, isLink } of await documentEntries(dir)) {
      const file = join(dir, n);
      try {
        const doc = isLink ? await this.readInside<T>(file) : await readJson<T>(file);
        if (doc !== undefined) entries.push({ file, doc });
      } catch (e) {
        entries.push({ file, error: e instanceof Error ? e : new Error(String(e)) });
      }
    }
    return entries;
  }

  /** Writes the document only if none exists; false when the name is taken. */
  create<T>(kind: DocumentKind, name: string, doc: T): Promise<boolean> {
    return this.createAt(this.layout.documentFile(kind, name), doc);
  }

  /** Replaces the document (no read-modify-write: the caller owns the whole document). */
  put<T>(kind: DocumentKind, name: string, doc: T): Promise<void> {
    const path = this.layout.documentFile(kind, name);
    return this.withLock(path, () => writeJson(path, doc));
  }

  /**
   * Read-modify-write under the document's lock. `change` gets the current document and returns the new
   * one (or throws, e.g. a MonitoringError, to abort). Returns undefined when the document does not exist.
   */
  update<T>(kind: DocumentKind, name: string, change: (current: T) => T | Promise<T>): Promise<T | undefined> {
    return this.updateAt(this.layout.documentFile(kind, name), change);
  }

  /** Deletes the document; false when it did not exist. `check` may throw to refuse. */
  async delete<T>(kind: DocumentKind, name: string, check?: (current: T) => void | Promise<void>): Promise<boolean> {
    const path = this.layout.documentFile(kind, name);
    return this.withLock(path, async () => {
      const current = await readJson<T>(path);
      if (current === undefined) return false;
      if (check) await check(current);
      await rm(path, { force: true });
      return true;
    });
  }

  // ---- monitoring executions ---------------------------------------------------------------

  readExecution<T>(scheduleName: string, scheduledTime: Date): Promise<T | undefined> {
    return this.readInside<T>(this.layout.executionFile(scheduleName, scheduledTime));
  }

  /** Claims an execution slot: only one process ever creates the execution of a schedule for a time. */
  createExecution<T>(scheduleName: string, scheduledTime: Date, doc: T): Promise<boolean> {
    return this.createAt(this.layout.executionFile(scheduleName, scheduledTime), doc);
  }

  updateExecution<T>(scheduleName: string, scheduledTime: Date, change: (current: T) => T | Promise<T>): Promise<T | undefined> {
    return this.updateAt(this.layout.executionFile(scheduleName, scheduledTime), change);
  }

  /** The scheduled times of a schedule's executions, oldest first. */
  async executionTimes(scheduleName: string): Promise<Date[]> {
    const names = await readdirSafe(this.layout.executionDir(scheduleName));
    return names
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .map((n) => parseExecutionFileStem(n.slice(0, -'.json'.length)))
      .filter((t): t is Date => t !== undefined)
      .sort((a, b) => a.getTime() - b.getTime());
  }

  /** Names of schedules that have an execution folder (including deleted schedules: history is kept). */
  async scheduleNamesWithExecutions(): Promise<string[]> {
    return (await readdirSafe(this.layout.executionsDir)).filter((n) => !n.startsWith('.')).sort();
  }

  // ---- plumbing ----------------------------------------------------------------------------

  /** Documents are read only from inside the workspace, never through a link out of it. */
  private async readInside<T>(path: string): Promise<T | undefined> {
    await assertWithin(this.layout.root, path);
    return readJson<T>(path);
  }

  private createAt<T>(path: string, doc: T): Promise<boolean> {
    return this.withLock(path, async () => {
      if (await exists(path)) return false;
      await writeJson(path, doc);
      return true;
    });
  }

  private updateAt<T>(path: string, change: (current: T) => T | Promise<T>): Promise<T | undefined> {
    return this.withLock(path, async () => {
      const current = await readJson<T>(path);
      if (current === undefined) return undefined;
      let next: T;
      try {
        next = await change(current);
      } catch (e) {
        if (e === LEAVE_UNCHANGED) return current;
        throw e;
      }
      await writeJson(path, next);
      return next;
    });
  }

  /** Runs `action` while holding the lock file of `path`. */
  async withLock<R>(path: string, action: () => Promise<R>): Promise<R> {
    // Every write goes through here: refuse before the lock file (or mkdir) lands outside the workspace.
    await assertWithin(this.layout.root, path);
    const lockPath = join(dirname(path), `.${basename(path)}.lock`);
    const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), acquiredAt: new Date().toISOString() };
    await this.acquire(lockPath, owner);
    try {
      return await action();
    } finally {
      await release(lockPath, owner);
    }
  }

  private async acquire(lockPath: string, owner: LockOwner): Promise<void> {
    await mkdir(dirname(lockPath), { recursive: true });
    const deadline = Date.now() + this.lockTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(lockPath, 'wx');
        try {
          await handle.writeFile(JSON.stringify(owner));
        } finally {
          await handle.close();
        }
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      if (await this.breakIfStale(lockPath)) continue;
      if (Date.now() > deadline) {
        const holder = await readLockOwner(lockPath);
        throw new MonitoringError(
          'InUse',
          `The local workspace file ${lockPath.replace(/\.lock$/, '').replace(/\/\.([^/]+)$/, '/$1')} is locked` +
            (holder ? ` by process ${holder.pid} on ${holder.host} since ${holder.acquiredAt}` : '') +
            `. If no other window or "model-monitor serve" is using this workspace, delete ${lockPath}.`,
          { resource: lockPath },
        );
      }
      await sleep(Math.min(100, 2 + attempt * 3) + Math.random() * 10);
    }
  }

  /**
   * Breaks an abandoned lock. The stale lock is first renamed to a unique name (atomic), so of two
   * processes breaking the same lock only one succeeds; if what we renamed turns out to be a fresh lock
   * taken in the meantime, it is put back.
   */
  private async breakIfStale(lockPath: string): Promise<boolean> {
    const seen = await readLockOwner(lockPath);
    const info = await stat(lockPath).catch(() => undefined);
    if (!info) return true; // released meanwhile: try again at once
    const old = Date.now() - info.mtimeMs > this.staleLockMs;
    const deadOwner = seen !== undefined && seen.host === hostname() && !processAlive(seen.pid);
    if (!old && !deadOwner) return false;
    const aside = `${lockPath}.${randomBytes(4).toString('hex')}.broken`;
    try {
      await rename(lockPath, aside);
    } catch {
      return true; // someone else broke or released it
    }
    const taken = await readLockOwner(aside);
    if (seen && taken && taken.token !== seen.token) {
      // We moved a lock acquired after our check: restore it unless a newer one exists already.
      await link(aside, lockPath).catch(() => undefined);
    }
    await rm(aside, { force: true });
    return true;
  }
}

async function release(lockPath: string, owner: LockOwner): Promise<void> {
  const current = await readLockOwner(lockPath);
  if (current?.token === owner.token) await rm(lockPath, { force: true });
}

async function readLockOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(lockPath, 'utf8')) as LockOwner;
  } catch {
    return undefined; // missing, or being written right now
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readJson<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MonitoringError('Unknown', `Could not read ${path}: ${(e as Error).message}`, { resource: path, cause: e });
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new MonitoringError('BadData', `${path} is not valid JSON (${(e as Error).message}); fix or remove the file`, { resource: path, cause: e });
  }
}

function writeJson(path: string, doc: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(doc, null, 2)}\n`);
}

/** The `<Name>.json` documents of a folder, in name order, saying which are symbolic links. */
async function documentEntries(dir: string): Promise<{ name: string; isLink: boolean }[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return entries
    .filter((entry) => entry.name.endsWith('.json') && !entry.name.startsWith('.'))
    .map((entry) => ({ name: entry.name, isLink: entry.isSymbolicLink() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
