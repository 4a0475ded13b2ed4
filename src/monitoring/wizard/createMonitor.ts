/**
 * Submitting the wizard: upload a local dataset, run the baseline job to its end, create the job
 * definition, create the schedule — reporting each step, and naming the step when one fails. A retry
 * after a failure reuses a baseline job that already completed with the same output, and a job
 * definition whose schedule was refused is removed again, so trying again after fixing the form works.
 */
import type { MonitoringBackend } from '../backend';
import { MonitoringError } from '../errors';
import type { BaselineJob, Schedule } from '../model';
import type { MonitoringFiles } from '../monitoringFiles';
import type { MonitorPlan } from './monitorRequests';

export type CreationStep = 'upload' | 'baseline' | 'jobDefinition' | 'schedule';

export const CREATION_STEP_TITLES: Record<CreationStep, string> = {
  upload: 'Uploading the baseline dataset',
  baseline: 'Running the baseline job',
  jobDefinition: 'Creating the job definition',
  schedule: 'Creating the monitoring schedule',
};

export interface CreationProgress {
  step: CreationStep;
  message: string;
}

export class CreationError extends Error {
  constructor(
    readonly step: CreationStep,
    readonly reason: string,
    readonly original?: unknown,
  ) {
    super(`${CREATION_STEP_TITLES[step]} failed: ${reason}`);
  }
}

export interface CreateMonitorOptions {
  /** Reads a file of this machine (the dataset to upload). */
  readFile(path: string): Promise<Uint8Array>;
  /** The connection's object store, for the upload. */
  files?: MonitoringFiles;
  progress(update: CreationProgress): void;
  /** How often the baseline job is described while it runs (default 5 s). */
  pollMs?: number;
  /** Set when the user closes the wizard: polling stops (the job itself goes on). */
  signal?: AbortSignal;
}

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function createMonitor(backend: MonitoringBackend, plan: MonitorPlan, options: CreateMonitorOptions): Promise<Schedule> {
  const step = async <T>(name: CreationStep, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof CreationError) throw e;
      throw new CreationError(name, reasonOf(e), e);
    }
  };

  if (plan.upload) {
    const upload = plan.upload;
    await step('upload', async () => {
      if (!options.files) throw new Error('this connection cannot store files');
      options.progress({ step: 'upload', message: `Uploading ${upload.file} to ${upload.s3Uri}…` });
      await options.files.uploadObject(upload.s3Uri, await options.readFile(upload.file));
    });
  }

  if (plan.baseline) {
    const request = plan.baseline;
    await step('baseline', async () => {
      let job = await existingJob(backend, request.jobName);
      if (job && !(job.status === 'Completed' && sameUri(job.outputS3Uri, request.outputS3Uri))) {
        throw new Error(`a processing job named ${request.jobName} already exists (${job.status}); choose another baseline job name.`);
      }
      if (job) {
        options.progress({ step: 'baseline', message: `Baseline job ${request.jobName} already completed; using its results.` });
      } else {
        options.progress({ step: 'baseline', message: `Starting baseline job ${request.jobName}…` });
        job = await backend.startBaselineJob(request);
        const started = Date.now();
        while (job.status === 'InProgress' || job.status === 'Stopping') {
          if (options.signal?.aborted) throw new Error(`the wizard was closed while ${request.jobName} ran; the job goes on.`);
          const seconds = Math.round((Date.now() - started) / 1000);
          options.progress({ step: 'baseline', message: `Baseline job ${request.jobName}: ${job.status} (${seconds} s)…` });
          await sleep(options.pollMs ?? 5000, options.signal);
          job = await backend.describeBaselineJob(request.jobName);
        }
      }
      if (job.status !== 'Completed') throw new Error(`baseline job ${request.jobName} ended ${job.status}${job.failureReason ? `: ${job.failureReason}` : ''}.`);
      options.progress({ step: 'baseline', message: `Baseline job ${request.jobName} completed; statistics and constraints are in ${request.outputS3Uri}.` });
    });
  }

  const definition = plan.jobDefinition;
  await step('jobDefinition', async () => {
    options.progress({ step: 'jobDefinition', message: `Creating ${definition.type} job definition ${definition.name}…` });
    await backend.createJobDefinition(definition);
  });

  return step('schedule', async () => {
    options.progress({ step: 'schedule', message: `Creating monitoring schedule ${plan.schedule.name}…` });
    try {
      return await backend.createSchedule(plan.schedule);
    } catch (e) {
      // Without its schedule the definition is unused, and it would block the retry under the same name.
      await backend.deleteJobDefinition(definition.name, definition.type).catch(() => undefined);
      throw e;
    }
  });
}

async function existingJob(backend: MonitoringBackend, name: string): Promise<BaselineJob | undefined> {
  try {
    return await backend.describeBaselineJob(name);
  } catch (e) {
    if (e instanceof MonitoringError && (e.kind === 'NotFound' || e.kind === 'Validation')) return undefined;
    throw e;
  }
}

const sameUri = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
