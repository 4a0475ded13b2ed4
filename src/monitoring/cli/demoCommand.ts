/** `model-monitor demo`: builds the abalone demo workspace (spec §8) with hours of monitoring history. */
import { buildDemoWorkspaceWithSummary } from '../demo/buildDemoWorkspace';
import { DEMO } from '../demo/demoScenario';
import { EXIT_OK, type CliCommand } from './command';
import { defineCommand } from './defineCommand';

const NAME = 'demo';

const OPTIONS = {
  output: { type: 'string' },
  seed: { type: 'string' },
  hours: { type: 'string' },
} as const;

const HELP = `Usage: model-monitor demo --output DIR [--seed N] [--hours N]

Builds a local workspace with the book chapter's abalone scenario: a regression model served by the
local endpoint ${DEMO.endpointName} with 100 % data capture, data-quality and model-quality baselines,
two hourly monitoring schedules, and N hours of traffic (clean at first, then increasingly perturbed)
with an execution of both monitors for every hour. The same seed gives the same workspace.

  --output DIR   an empty folder (or a previous demo workspace, which is moved to DIR/.replaced/)
  --seed N       random seed (default ${DEMO.defaultSeed})
  --hours N      hours of history ending at the last full hour (default ${DEMO.defaultHours})

Data: UCI Machine Learning Repository, Abalone (Nash et al., 1994), CC BY 4.0.
Then: model-monitor serve --workspace DIR --traffic   (endpoint, scheduler and live traffic)
`;

export const demoCommand: CliCommand = defineCommand({
  name: NAME,
  help: HELP,
  options: OPTIONS,
  async run(args, io) {
    const output = args.required('output');
    const seed = args.number('seed');
    const hours = args.positiveInteger('hours');
    const started = Date.now();
    const summary = await buildDemoWorkspaceWithSummary(output, {
      ...(seed !== undefined ? { seed } : {}),
      ...(hours !== undefined ? { hours } : {}),
      onProgress: (message) => io.err(`${message}\n`),
    });
    const withViolations = summary.executions.filter((e) => e.status === 'CompletedWithViolations').length;
    io.out(
      `Built the demo workspace in ${output} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${summary.requests} requests, ${summary.executions.length} executions (${withViolations} with violations) ` +
        `from ${summary.firstHour.toISOString()} to ${new Date(summary.lastHour.getTime() + 3_600_000).toISOString()}.\n`,
    );
    return EXIT_OK;
  },
});
