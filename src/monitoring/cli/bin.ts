/**
 * The `model-monitor` executable (built to dist/cli.js). The CLI itself is an ES module bundle in
 * chunks (dist/cli/main.mjs and its chunks), loaded here: split that way, a run that names no
 * s3:// URI never parses the AWS SDK, which is most of the CLI's code, and starts in half the time.
 */
import type { CliIo } from './command';

type CliModule = typeof import('./main');

// A path esbuild leaves alone: the bundle is built beside this file, not into it.
const cliModule = './cli/main.mjs';

const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

(import(cliModule) as Promise<CliModule>)
  .then(({ runCli }) => runCli(process.argv.slice(2), processIo))
  .then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
