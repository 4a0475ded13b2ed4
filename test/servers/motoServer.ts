/**
 * moto's S3 on a free loopback port for a test run: real S3 wire behaviour (ListObjectsV2 paging,
 * Delimiter on deep keys, key order, streaming GET) where SageMaker's deep key layouts need it.
 * Started once per suite (about 1.5 s), reset between tests with POST /moto-api/reset.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const MOTO_INSTALL_HINT = 'moto is not installed. Install it with: pip install "moto[server]"  (Python 3; provides moto_server)';

export interface MotoServer {
  url: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** How to launch moto: the `moto_server` command if present, else `python3 -m moto.server`. */
function motoCommand(): { command: string; args: string[] } {
  const binary = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  if (binary.status === 0) return { command: 'moto_server', args: [] };
  const module = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' });
  if (module.status === 0) return { command: 'python3', args: ['-m', 'moto.server'] };
  throw new Error(MOTO_INSTALL_HINT);
}

export async function startMotoServer(timeoutMs = 20_000): Promise<MotoServer> {
  const { command, args } = motoCommand();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(command, [...args, '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`moto_server exited (code ${exited}) before it was ready:\n${stderr}`);
    try {
      const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto_server did not answer on ${url} within ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    async reset() {
      const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    async stop() {
      if (exited !== undefined) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
      if (exited === undefined) child.kill('SIGKILL');
    },
  };
}
