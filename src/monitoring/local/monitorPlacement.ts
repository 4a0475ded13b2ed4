/**
 * "Where it runs": a monitor for an AWS endpoint is either SageMaker's own (a job definition and an
 * hourly schedule in the account) or ours, on this machine (thisMachineMonitors.ts), from the same
 * request. When SageMaker refuses because the account is not admitted to Model Monitor, the caller
 * offers this machine with the same request, so nothing the user typed is lost.
 */
import type { MonitoringBackend } from '../backend';
import { isMonitoringError } from '../errors';
import type { Schedule } from '../model';
import { HOURLY, monitorJobDefinition, resourceName, type ThisMachineMonitorSpec } from './thisMachineMonitors';

export type RunsOn = 'sagemaker' | 'thisMachine';

export interface ManagedMonitorSettings {
  roleArn: string;
  imageUri: string;
  instanceType?: string;
}

/** True when SageMaker refused because Model Monitor is closed to this account. */
export function refusedByModelMonitor(e: unknown): boolean {
  return isMonitoringError(e) && e.kind === 'ServiceClosed';
}

/** Creates the job definition and hourly schedule in SageMaker; removes the definition again if the schedule is refused. */
export async function createManagedMonitor(aws: MonitoringBackend, spec: ThisMachineMonitorSpec, settings: ManagedMonitorSettings): Promise<Schedule> {
  const definitionName = resourceName(spec.name, 'definition');
  const definition = monitorJobDefinition(spec, definitionName, {
    imageUri: settings.imageUri,
    roleArn: settings.roleArn,
    resources: { instanceCount: 1, instanceType: settings.instanceType ?? 'ml.m5.xlarge', volumeSizeInGB: 20 },
  });
  await aws.createJobDefinition(definition);
  try {
    return await aws.createSchedule({ name: spec.name, type: spec.type, jobDefinitionName: definitionName, schedule: { scheduleExpression: spec.scheduleExpression ?? HOURLY } });
  } catch (e) {
    await aws.deleteJobDefinition(definitionName, spec.type).catch(() => undefined);
    throw e;
  }
}
