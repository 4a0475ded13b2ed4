/**
 * Builds the demo workspace: the book chapter's abalone scenario (spec §8) in a local workspace, with
 * `hours` of history ending at the last full hour, so the explorer and charts have something real to
 * show without an AWS account. Deterministic for a seed (and `now`).
 *
 * Steps: data and splits → a gradient-boosted model → endpoint `abalone-xgb-demo` with 100 % CSV
 * capture → data-quality baseline (training split) and model-quality baseline (validation predictions)
 * → job definitions and two hourly schedules → for each past hour: a pass over the test split through
 * the endpoint's invocation path (clean at first, then more and more perturbed as §8.4 describes),
 * that hour's ground truth, and an execution of both monitors via the scheduler's code path.
 */
import { mkdir, readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { MonitoringError } from '../errors';
import { EndpointInvoker } from '../local/endpointInvoker';
import { LocalBackend } from '../local/localBackend';
import { findRunningEndpoint } from '../local/localEndpointServer';
import { GradientBoostedTrees } from '../local/regressionModel';
import type { WorkspaceMarker } from '../local/workspaceLayout';
import { WORKSPACE_FORMAT_VERSION, WorkspaceLayout } from '../local/workspaceLayout';
import { writeFileAtomic } from '../fsAtomic';
import type { ExecutionSummary } from '../model';
import { FEATURE_COLUMNS, loadAbalone, splitAbalone, splitToCsv } from './abaloneData';
import { DEMO } from './demoScenario';
import { demoRequest, groundTruthFile, groundTruthFor, perturbedShare } from './demoTraffic';
import { DemoRandom } from './prng';
import { pythonFloat } from './pythonFloat';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface BuildDemoOptions {
  seed?: number;
  hours?: number;
  now?: Date;
  onProgress?: (message: string) => void;
  /** abalone.data to use (default: the copy shipped in media/data). */
  dataFile?: string;
}

export interface DemoBuildSummary {
  executions: ExecutionSummary[];
  requests: number;
  firstHour: Date;
  lastHour: Date;
}

export async function buildDemoWorkspace(root: string, options: BuildDemoOptions = {}): Promise<void> {
  await buildDemoWorkspaceWithSummary(root, options);
}

/** As buildDemoWorkspace, returning what was built (for the CLI and tests). */
export async function buildDemoWorkspaceWithSummary(root: string, options: BuildDemoOptions = {}): Promise<DemoBuildSummary> {
  const seed = options.seed ?? DEMO.defaultSeed;
  const hours = options.hours ?? DEMO.defaultHours;
  if (!Number.isInteger(seed) || seed < 0) throw new MonitoringError('Validation', `The demo seed must be a non-negative whole number, got ${seed}.`);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 14) throw new MonitoringError('Validation', `The demo history must be 1 to 336 hours, got ${hours}.`);
  const realNow = options.now ?? new Date();
  const progress = options.onProgress ?? (() => undefined);

  await prepareFolder(root, realNow);
  const layout = new WorkspaceLayout(root);
  const marker: WorkspaceMarker = { version: WORKSPACE_FORMAT_VERSION, name: DEMO.workspaceName, createdAt: realNow.toISOString(), demo: { seed, hours, builtAt: '' } };
  await writeFileAtomic(layout.markerFile, `${JSON.stringify(marker, null, 2)}\n`);

  // History: `hours` full hours ending at the last full hour before now; setup happens before them.
  const lastHour = Math.floor(realNow.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS;
  const firstHour = lastHour - (hours - 1) * HOUR_MS;
  let clock = firstHour - 50 * MINUTE_MS;
  const backend = new LocalBackend(root, { now: () => new Date(clock) });
  const random = new DemoRandom(seed);

  progress('Preparing the abalone data (UCI, CC BY 4.0)…');
  const splits = splitAbalone(loadAbalone(options.dataFile), seed);
  await backend.objects.put(DEMO.trainUri, splitToCsv(splits.train));
  await backend.objects.put(DEMO.validationUri, splitToCsv(splits.validation));
  await backend.objects.put(DEMO.testUri, splitToCsv(splits.test));

  progress(`Training the regression model on ${splits.train.length} rows…`);
  const model = GradientBoostedTrees.train(
    FEATURE_COLUMNS,
    splits.train.map((r) => r.features),
    splits.train.map((r) => r.rings),
  );
  await backend.createModel(DEMO.modelName, model.toJSON(), 'Gradient-boosted regression trees (20 rounds, depth 6, eta 0.3) predicting Rings from the 8 abalone features');
  await backend.createEndpointConfig({
    name: DEMO.endpointConfigName,
    variants: [{ variantName: DEMO.variantName, modelName: DEMO.modelName, initialInstanceCount: 1, instanceType: 'ml.m5.large', initialVariantWeight: 1 }],
    dataCapture: {
      enableCapture: true,
      initialSamplingPercentage: 100,
      destinationS3Uri: DEMO.captureUri,
      captureModes: ['Input', 'Output'],
      csvContentTypes: ['text/csv'],
      jsonContentTypes: ['application/json'],
    },
  });
  await backend.createEndpoint(DEMO.endpointName, DEMO.endpointConfigName);

  progress('Running the baseline jobs…');
  clock += 5 * MINUTE_MS;
  const header = 'Rings,Prediction';
  const baselineRows = splits.validation.map((r) => `${pythonFloat(r.rings)},${pythonFloat(model.predict(r.features))}`);
  await backend.objects.put(DEMO.modelQualityBaselineDatasetUri, `${[header, ...baselineRows].join('\n')}\n`);
  await backend.startBaselineJob({
    jobName: DEMO.dataQuality.baselineJobName,
    type: 'DataQuality',
    datasetS3Uri: DEMO.trainUri,
    datasetFormat: { csv: { header: true } },
    outputS3Uri: DEMO.dataQuality.baselineUri,
    roleArn: DEMO.roleArn,
    resources: { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 1 },
    maxRuntimeInSeconds: 3600,
  });
  await backend.startBaselineJob({
    jobName: DEMO.modelQuality.baselineJobName,
    type: 'ModelQuality',
    datasetS3Uri: DEMO.modelQualityBaselineDatasetUri,
    datasetFormat: { csv: { header: true } },
    outputS3Uri: DEMO.modelQuality.baselineUri,
    roleArn: DEMO.roleArn,
    problemType: 'Regression',
    inferenceAttribute: 'Prediction',
    groundTruthAttribute: 'Rings',
    maxRuntimeInSeconds: 1800,
  });
  for (const name of [DEMO.dataQuality.baselineJobName, DEMO.modelQuality.baselineJobName]) {
    const job = await backend.waitForBaselineJob(name);
    if (job.status !== 'Completed') throw new MonitoringError('Unknown', `The demo's baseline job ${name} failed: ${job.failureReason ?? 'no reason given'}`);
  }

  clock += 10 * MINUTE_MS;
  await createMonitors(backend);

  progress(`Replaying ${hours} hours of traffic and monitoring…`);
  const invoker = new EndpointInvoker(backend, DEMO.endpointName, { uuid: () => random.uuid(), random: () => random.uniform(), flushIntervalMs: 0, refreshMs: Number.MAX_SAFE_INTEGER });
  const executions: ExecutionSummary[] = [];
  let requests = 0;
  // Hour h's executions overlap hour h+1's traffic (they read different hour folders); the clock they
  // stamp documents with is set once per hour, so the result does not depend on the interleaving.
  let executionsOfPreviousHour: Promise<void> = Promise.resolve();
  try {
    for (let h = 0; h < hours; h++) {
      const hourStart = firstHour + h * HOUR_MS;
      const share = perturbedShare(h, hours);
      // Invocation times spread over the hour's first 59 minutes; labels are uploaded after the pass.
      const offsets = splits.test.map(() => Math.floor(random.uniform() * 59 * MINUTE_MS)).sort((a, b) => a - b);
      const labels = [];
      let fileWindow = -1;
      for (let i = 0; i < splits.test.length; i++) {
        const time = new Date(hourStart + offsets[i]);
        const window = Math.floor(offsets[i] / (10 * MINUTE_MS)); // one capture file per ten minutes
        if (window !== fileWindow) {
          await invoker.flush();
          fileWindow = window;
        }
        const request = demoRequest(splits.test[i], random, random.uniform() < share);
        await invoker.invoke({ contentType: 'text/csv', accept: 'text/csv', body: Buffer.from(request.payload, 'utf8'), inferenceId: request.inferenceId, time });
        labels.push(groundTruthFor(request));
        requests++;
      }
      await invoker.flush();
      // The previous hour's model-quality run looks for labels up to this hour: let it finish first.
      await executionsOfPreviousHour;
      const gt = groundTruthFile(DEMO.groundTruthUri, new Date(hourStart + 59 * MINUTE_MS + 30_000), random.hex(4), labels);
      await backend.objects.putNew(gt.uri, gt.body);

      // The scheduler's code path, at the time the scheduler would have run it.
      const scheduledTime = new Date(hourStart + HOUR_MS);
      clock = scheduledTime.getTime() + 2 * MINUTE_MS + Math.floor(random.uniform() * 3 * MINUTE_MS);
      const hourDone = `  ${h + 1}/${hours} hours (${Math.round(share * 100)} % of requests perturbed)`;
      const report = (h + 1) % 6 === 0 || h === hours - 1;
      executionsOfPreviousHour = Promise.all(
        [DEMO.dataQuality.scheduleName, DEMO.modelQuality.scheduleName].map((schedule) => backend.runScheduledExecution(schedule, scheduledTime)),
      ).then((ran) => {
        for (const execution of ran) if (execution) executions.push(execution);
        if (report) progress(hourDone);
      });
    }
    await executionsOfPreviousHour;
  } finally {
    await executionsOfPreviousHour.catch(() => undefined);
    await invoker.close();
  }

  marker.demo = { seed, hours, builtAt: realNow.toISOString() };
  await writeFileAtomic(layout.markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  progress(`Demo workspace ready: ${requests} requests, ${executions.length} executions.`);
  return { executions, requests, firstHour: new Date(firstHour), lastHour: new Date(lastHour) };
}

async function createMonitors(backend: LocalBackend): Promise<void> {
  const resources = { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 1 };
  await backend.createJobDefinition({
    name: DEMO.dataQuality.jobDefinitionName,
    type: 'DataQuality',
    input: { kind: 'Endpoint', endpointName: DEMO.endpointName, localPath: '/opt/ml/processing/input/endpoint' },
    baseline: { constraintsS3Uri: `${DEMO.dataQuality.baselineUri}/constraints.json`, statisticsS3Uri: `${DEMO.dataQuality.baselineUri}/statistics.json` },
    outputS3Uri: DEMO.dataQuality.reportsUri,
    imageUri: 'model-monitor-local-analyzer',
    environment: { publish_cloudwatch_metrics: 'Enabled' },
    roleArn: DEMO.roleArn,
    resources,
    maxRuntimeInSeconds: 3600,
  });
  await backend.createJobDefinition({
    name: DEMO.modelQuality.jobDefinitionName,
    type: 'ModelQuality',
    input: {
      kind: 'Endpoint',
      endpointName: DEMO.endpointName,
      localPath: '/opt/ml/processing/input_data',
      inferenceAttribute: '0',
      startTimeOffset: '-PT1H',
      endTimeOffset: '-PT0H',
    },
    baseline: { constraintsS3Uri: `${DEMO.modelQuality.baselineUri}/constraints.json` },
    outputS3Uri: DEMO.modelQuality.reportsUri,
    imageUri: 'model-monitor-local-analyzer',
    environment: { publish_cloudwatch_metrics: 'Enabled' },
    roleArn: DEMO.roleArn,
    resources,
    maxRuntimeInSeconds: 1800,
    problemType: 'Regression',
    groundTruthS3Uri: DEMO.groundTruthUri,
  });
  for (const [name, type, definition] of [
    [DEMO.dataQuality.scheduleName, 'DataQuality', DEMO.dataQuality.jobDefinitionName],
    [DEMO.modelQuality.scheduleName, 'ModelQuality', DEMO.modelQuality.jobDefinitionName],
  ] as const) {
    await backend.createSchedule({ name, type, jobDefinitionName: definition, schedule: { scheduleExpression: DEMO.hourlyCron } });
  }
}

/**
 * An empty (or missing) folder is used as is. A previous demo workspace is set aside, not deleted, in
 * `.replaced/<time>/`. Anything else is refused: the builder never touches a user's files.
 */
async function prepareFolder(root: string, now: Date): Promise<void> {
  await mkdir(root, { recursive: true });
  const entries = (await readdir(root)).filter((e) => e !== '.replaced');
  if (entries.length === 0) return;
  const layout = new WorkspaceLayout(root);
  let marker: WorkspaceMarker | undefined;
  try {
    marker = JSON.parse(await readFile(layout.markerFile, 'utf8')) as WorkspaceMarker;
  } catch {
    marker = undefined;
  }
  if (!marker?.demo) {
    throw new MonitoringError(
      'Validation',
      `Refusing to build the demo into ${root}: the folder is not empty and is not a demo workspace. Choose an empty folder (the demo never overwrites your files).`,
      { resource: root },
    );
  }
  const backend = new LocalBackend(root);
  if (await findRunningEndpoint(backend, DEMO.endpointName)) {
    throw new MonitoringError('InUse', `The demo endpoint of ${root} is being served right now; stop it (and its scheduler) before rebuilding the demo.`, { resource: root });
  }
  const aside = join(root, '.replaced', now.toISOString().replace(/[:.]/g, '-'));
  await mkdir(aside, { recursive: true });
  for (const entry of entries) await rename(join(root, entry), join(aside, entry));
}
