/** `model-monitor serve`: runs a local workspace's endpoints and scheduler (and demo traffic) until Ctrl-C. */
import type { Logger } from '../logger';
import { awsTarget } from './awsTarget';
import { serveWorkspace } from '../local/serveWorkspace';
import { ThisMachineMonitors } from '../local/thisMachineMonitors';
import type { ArgumentReader } from './arguments';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from './command';
import { defineCommand } from './defineCommand';

const NAME = 'serve';

const OPTIONS = {
  workspace: { type: 'string' },
  traffic: { type: 'boolean' },
  rate: { type: 'string' },
  aws: { type: 'boolean' },
  monitors: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'sagemaker-endpoint-url': { type: 'string' },
} as const;

const HELP = `Usage: model-monitor serve --workspace DIR [--traffic [--rate N]]

Serves every endpoint of a local workspace over HTTP on 127.0.0.1 (capturing data as configured) and
runs its monitoring schedules: hourly executions start a minute after the top of each hour and NOW
schedules run at once. Hours that pass while serve is not running are not back-filled. Stop with Ctrl-C.

  --workspace DIR   the local workspace (a folder with model-monitor-workspace.json)
  --traffic         also send the demo's perturbed traffic and ground truth (demo workspaces)
  --rate N          demo requests per second (default 5)

Usage: model-monitor serve --aws --monitors DIR [--profile NAME] [--region REGION] [--endpoint-url URL]

Runs the monitors that run on this machine for AWS endpoints (made in VS Code with Create Monitor…,
stored in DIR): each hour our analyzer reads the endpoint's capture from S3 and writes the reports to
S3 in Model Monitor's layout. Hours missed while nothing ran are caught up, each once (a week at most).

  --monitors DIR                the folder of the monitors (the setting thisMachineMonitorsFolder's subfolder)
  --profile, --region           the AWS profile and region (defaults: AWS_PROFILE, AWS_REGION, the profile's region)
  --endpoint-url URL            an S3 endpoint URL (VPC endpoint, emulator)
  --sagemaker-endpoint-url URL  a SageMaker endpoint URL
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

async function serveAwsMonitors(args: ArgumentReader, io: CliIo): Promise<number> {
  args.forbid(['workspace', 'traffic', 'rate'], 'applies to local workspaces, not to --aws');
  const root = args.required('monitors', ' with --aws');
  // Loaded only here: the AWS SDK would slow every other command's start-up (see awsTarget).
  const [{ AwsBackend }, { profile, found, region }] = await Promise.all([import('../aws/awsBackend'), awsTarget(args)]);
  if (!region) throw new UsageError(`${NAME}: --region is required with --aws${profile ? ` (profile "${profile}" names no region)` : ''}.`);
  const s3 = args.optional('endpoint-url');
  const sagemaker = args.optional('sagemaker-endpoint-url');
  const logger = stderrLogger(io);
  const aws = new AwsBackend({
    region,
    ...(profile ? { profile } : {}),
    ...(found ? { profileKind: found.kind } : {}),
    ...(s3 || sagemaker ? { endpointOverrides: { ...(s3 ? { s3 } : {}), ...(sagemaker ? { sagemaker } : {}) } } : {}),
    clients: { extensionVersion: '0.1.0-cli', logger },
    logger,
  });
  const monitors = new ThisMachineMonitors(root, aws, {
    logger,
    onExecution: (e) => io.out(`${e.scheduleName} ${e.scheduledTime.toISOString()}: ${e.status}${e.failureReason ? ` — ${e.failureReason}` : ''}\n`),
  });
  await monitors.ensureCreated();
  const schedules = await monitors.backend.store.list('monitoring-schedules');
  monitors.start();
  io.out(`Running ${schedules.length} monitor(s) of ${root} on this machine for ${aws.id}. Press Ctrl-C to stop.\n`);
  const signal = await untilInterrupted();
  io.err(`${signal}: stopping…\n`);
  await monitors.stop();
  aws.dispose();
  return EXIT_OK;
}

export const serveCommand: CliCommand = defineCommand({
  name: NAME,
  help: HELP,
  options: OPTIONS,
  async run(args, io) {
    if (args.flag('aws')) return serveAwsMonitors(args, io);
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
