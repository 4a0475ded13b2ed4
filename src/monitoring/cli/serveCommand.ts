/** `model-monitor serve`: runs a local workspace's endpoints and scheduler (and demo traffic) until Ctrl-C. */
import type { Logger } from '../logger';
import { serveWorkspace } from '../local/serveWorkspace';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from './command';
import { defineCommand } from './defineCommand';

const NAME = 'serve';

const OPTIONS = {
  workspace: { type: 'string' },
  traffic: { type: 'boolean' },
  rate: { type: 'string' },
} as const;

const HELP = `Usage: model-monitor serve --workspace DIR [--traffic [--rate N]]

Serves every endpoint of a local workspace over HTTP on 127.0.0.1 (capturing data as configured) and
runs its monitoring schedules: hourly executions start a minute after the top of each hour and NOW
schedules run at once. Hours that pass while serve is not running are not back-filled. Stop with Ctrl-C.

  --workspace DIR   the local workspace (a folder with model-monitor-workspace.json)
  --traffic         also send the demo's perturbed traffic and ground truth (demo workspaces)
  --rate N          demo requests per second (default 5)
`;

function stderrLogger(io: CliIo): Logger {
  const line = (level: string) => (message: string) => io.err(`${new Date().toISOString()} ${level} ${message}\n`);
  return { debug: () => undefined, info: line('info'), warn: line('warn'), error: line('error') };
}

/** Resolves on the first Ctrl-C or termination request. */
function untilInterrupted(): Promise<string> {
  return new Promise((resolve) => {
    const done = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

export const serveCommand: CliCommand = defineCommand({
  name: NAME,
  summary: "serve a local workspace's endpoints and run its schedules until Ctrl-C",
  help: HELP,
  options: OPTIONS,
  async run(args, io) {
    const root = args.required('workspace');
    const rate = args.number('rate');
    if (rate !== undefined && rate <= 0) throw new UsageError(`${NAME}: --rate must be more than 0 requests per second, not ${rate}.`);
    const served = await serveWorkspace(root, { logger: stderrLogger(io), traffic: args.flag('traffic'), ...(rate !== undefined ? { trafficRequestsPerSecond: rate } : {}) });
    for (const server of served.servers) io.out(`${server.endpointName}: ${server.invocationsUrl}\n`);
    io.out(`Scheduler running${served.traffic ? ', demo traffic on' : ''}. Press Ctrl-C to stop.\n`);
    const signal = await untilInterrupted();
    io.err(`${signal}: stopping (flushing captured data)…\n`);
    await served.stop();
    return EXIT_OK;
  },
});
