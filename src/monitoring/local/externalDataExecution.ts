/**
 * The analysis step of a local execution whose data lives in S3 (a monitor that runs on this machine
 * for an AWS endpoint): the endpoint's capture is listed hour by hour under its
 * DataCaptureConfig.DestinationS3Uri, streamed through our analyzer, and the reports are written
 * back in Model Monitor's layout, `{output}/{endpoint}/{schedule}/yyyy/mm/dd/HH/`.
 */
import { toSageMakerJson } from '../analysis/dataQuality';
import { runModelQualityMonitoring } from '../analysis/modelQuality';
import { emptyWindowError, listJsonlObjects, objectByteSource, runDataQualityOverObjects } from '../aws/s3CaptureSource';
import { MonitoringError } from '../errors';
import { isDataQualityConstraints, type ModelQualityConstraints } from '../formats/constraints';
import { isDataQualityStatistics, serializeStatistics } from '../formats/statistics';
import { serializeViolations } from '../formats/violations';
import type { JobDefinition } from '../model';
import { CONSTRAINTS_FILE, STATISTICS_FILE, VIOLATIONS_FILE } from '../monitoringFiles';
import { joinUri, type ObjectStore } from '../objectStore';
import type { LocalContext } from './localBackend';
import type { EndpointDocument } from './localDocuments';
import { withScriptFile } from './scriptSource';

const HOUR_MS = 3_600_000;
/** An hour this small is analysed on the calling thread; workers would cost more than they save. */
const IN_THREAD_BYTES = 16 * 1024 * 1024;

const failure = (message: string) => new MonitoringError('BadData', message);

/** Runs the analysis over the external store, writes the reports and returns the number of violations. */
export async function analyseExternalData(
  ctx: LocalContext,
  store: ObjectStore,
  definition: JobDefinition,
  endpointName: string,
  window: { start: Date; end: Date },
  scheduledTime: Date,
  reportUri: string,
): Promise<number> {
  const endpoint = await ctx.store.read<EndpointDocument>('endpoints', endpointName);
  const destination = endpoint?.DataCaptureConfig?.DestinationS3Uri;
  if (!destination) throw failure(`Endpoint "${endpointName}" has no data capture configured, so there is nothing to monitor. Enable data capture first.`);
  const capturePrefix = `${joinUri(destination, endpointName)}/`;
  const captures = await listJsonlObjects(store, capturePrefix, window);
  if (captures.length === 0) throw await emptyWindowError(store, capturePrefix, window);
  const baseline = definition.baseline ?? {};

  if (definition.type === 'DataQuality') {
    if (!baseline.constraintsS3Uri || !baseline.statisticsS3Uri) {
      throw failure(`The job definition "${definition.name}" has no baseline statistics and constraints; suggest a baseline and add both.`);
    }
    const [statistics, constraints] = await Promise.all([ctx.files.readStatistics(baseline.statisticsS3Uri), ctx.files.readConstraints(baseline.constraintsS3Uri)]);
    if (!isDataQualityStatistics(statistics) || !isDataQualityConstraints(constraints)) {
      throw failure(`The baseline files of "${definition.name}" are not data-quality statistics and constraints.`);
    }
    const bytes = captures.reduce((sum, object) => sum + object.size, 0);
    const run = (recordPreprocessorScript?: string) =>
      runDataQualityOverObjects(store, captures, window, { statistics, constraints }, {
        description: `capture under ${capturePrefix} between ${window.start.toISOString()} and ${window.end.toISOString()}`,
        workers: bytes <= IN_THREAD_BYTES ? 1 : undefined,
        ...(recordPreprocessorScript ? { recordPreprocessorScript, onScriptLog: (text: string) => ctx.logger.info(`record preprocessor: ${text.trimEnd()}`) } : {}),
      });
    const script = definition.recordPreprocessorSourceUri;
    const result = script ? await withScriptFile(store, script, run) : await run();
    await store.put(joinUri(reportUri, STATISTICS_FILE), toSageMakerJson(result.statistics), 'application/json');
    await store.put(joinUri(reportUri, CONSTRAINTS_FILE), toSageMakerJson(result.constraints), 'application/json');
    await store.put(joinUri(reportUri, VIOLATIONS_FILE), toSageMakerJson(result.violations), 'application/json');
    return result.violations.violations.length;
  }

  if (!baseline.constraintsS3Uri) throw failure(`The job definition "${definition.name}" has no baseline constraints; suggest a model-quality baseline and add its constraints.json.`);
  const constraints = await ctx.files.readConstraints(baseline.constraintsS3Uri);
  if (isDataQualityConstraints(constraints)) throw failure(`The baseline constraints of "${definition.name}" are data-quality constraints, not model-quality ones.`);
  if (!definition.input.kind || definition.input.kind !== 'Endpoint' || !definition.input.inferenceAttribute) {
    throw failure(`The job definition "${definition.name}" has no EndpointInput.InferenceAttribute: say where the prediction is in the endpoint output (e.g. "0").`);
  }
  const groundTruthUri = definition.groundTruthS3Uri ?? '';
  // Labels arrive after the inference: the collection hours from the window's start up to the scheduled hour.
  const groundTruth = await listJsonlObjects(store, groundTruthUri, { start: window.start, end: new Date(scheduledTime.getTime() + HOUR_MS) });
  const sizes = new Map([...captures, ...groundTruth].map((object) => [object.uri, object.size]));
  const input = definition.input;
  const result = await runModelQualityMonitoring(
    { paths: captures.map((object) => object.uri), start: window.start, end: window.end },
    { paths: groundTruth.map((object) => object.uri) },
    {
      problemType: definition.problemType ?? 'Regression',
      inferenceAttribute: input.inferenceAttribute ?? '',
      ...(input.probabilityAttribute ? { probabilityAttribute: input.probabilityAttribute } : {}),
      ...(input.probabilityThresholdAttribute !== undefined ? { probabilityThresholdAttribute: input.probabilityThresholdAttribute } : {}),
    },
    constraints as ModelQualityConstraints,
    { evaluationTime: ctx.now(), source: objectByteSource(store, sizes) },
  );
  await store.put(joinUri(reportUri, STATISTICS_FILE), serializeStatistics(result.statistics), 'application/json');
  await store.put(joinUri(reportUri, VIOLATIONS_FILE), serializeViolations(result.violations), 'application/json');
  return result.violations.violations.length;
}
