/**
 * Conversions between the SageMaker API's shapes (as the AWS SDK types them) and our domain model.
 * The AWS backend converts SDK responses with them; the local backend stores its documents in these
 * same API shapes, so a local workspace reads like a `Describe*` response and both backends agree.
 */
import type {
  DataCaptureConfig as ApiDataCaptureConfig,
  DescribeEndpointConfigOutput,
  DescribeEndpointOutput,
  DescribeMonitoringScheduleResponse,
  EndpointSummary as ApiEndpointSummary,
  MonitoringExecutionSummary,
  MonitoringScheduleSummary,
  ProductionVariant as ApiProductionVariant,
  EndpointInput as ApiEndpointInput,
  BatchTransformInput as ApiBatchTransformInput,
  MonitoringResources,
} from '@aws-sdk/client-sagemaker';
import type {
  BatchTransformInputSpec,
  DataCaptureConfig,
  Endpoint,
  EndpointConfig,
  EndpointInputSpec,
  EndpointStatus,
  EndpointSummary,
  ExecutionStatus,
  ExecutionSummary,
  JobDefinition,
  MonitoringInputSpec,
  MonitoringType,
  ProblemType,
  ProductionVariant,
  Schedule,
  ScheduleStatus,
  ScheduleSummary,
} from './model';

/** Field-name prefix of each monitoring type's job definition (`DataQualityAppSpecification`, …). */
export const JOB_DEFINITION_PREFIX: Record<MonitoringType, 'DataQuality' | 'ModelQuality' | 'ModelBias' | 'ModelExplainability'> = {
  DataQuality: 'DataQuality',
  ModelQuality: 'ModelQuality',
  ModelBias: 'ModelBias',
  ModelExplainability: 'ModelExplainability',
};

/** A `Describe{Type}JobDefinition` response or `Create{Type}JobDefinition` request, keyed generically. */
export type JobDefinitionDocument = Record<string, unknown> & {
  JobDefinitionName: string;
  JobDefinitionArn?: string;
  CreationTime?: Date | string;
  RoleArn: string;
};

const date = (d: Date | string | number | undefined): Date => (d instanceof Date ? d : new Date(d ?? 0));
const required = <T>(value: T | undefined, what: string): T => {
  if (value === undefined || value === null) throw new Error(`The SageMaker response has no ${what}`);
  return value;
};

export function endpointSummaryFromApi(s: ApiEndpointSummary): EndpointSummary {
  return {
    name: required(s.EndpointName, 'EndpointName'),
    arn: s.EndpointArn ?? '',
    status: required(s.EndpointStatus, 'EndpointStatus') as EndpointStatus,
    creationTime: date(s.CreationTime),
    lastModifiedTime: date(s.LastModifiedTime),
  };
}

export function endpointFromApi(d: DescribeEndpointOutput): Endpoint {
  const capture = d.DataCaptureConfig;
  return {
    ...endpointSummaryFromApi(d),
    endpointConfigName: d.EndpointConfigName ?? '',
    variants: (d.ProductionVariants ?? []).map((v) => ({
      variantName: v.VariantName ?? '',
      currentInstanceCount: v.CurrentInstanceCount,
      currentWeight: v.CurrentWeight,
    })),
    dataCapture: capture
      ? {
          enableCapture: capture.EnableCapture ?? false,
          captureStatus: capture.CaptureStatus === 'Started' ? 'Started' : 'Stopped',
          currentSamplingPercentage: capture.CurrentSamplingPercentage ?? 0,
          destinationS3Uri: capture.DestinationS3Uri ?? '',
          kmsKeyId: capture.KmsKeyId,
        }
      : undefined,
    failureReason: d.FailureReason,
  };
}

export function dataCaptureConfigFromApi(c: ApiDataCaptureConfig): DataCaptureConfig {
  return {
    enableCapture: c.EnableCapture ?? true,
    initialSamplingPercentage: c.InitialSamplingPercentage ?? 0,
    destinationS3Uri: c.DestinationS3Uri ?? '',
    kmsKeyId: c.KmsKeyId,
    captureModes: (c.CaptureOptions ?? []).map((o) => o.CaptureMode).filter((m): m is DataCaptureConfig['captureModes'][number] => !!m),
    csvContentTypes: c.CaptureContentTypeHeader?.CsvContentTypes,
    jsonContentTypes: c.CaptureContentTypeHeader?.JsonContentTypes,
  };
}

export function dataCaptureConfigToApi(c: DataCaptureConfig): ApiDataCaptureConfig {
  const header =
    c.csvContentTypes?.length || c.jsonContentTypes?.length
      ? {
          ...(c.csvContentTypes?.length ? { CsvContentTypes: c.csvContentTypes } : {}),
          ...(c.jsonContentTypes?.length ? { JsonContentTypes: c.jsonContentTypes } : {}),
        }
      : undefined;
  return {
    EnableCapture: c.enableCapture,
    InitialSamplingPercentage: c.initialSamplingPercentage,
    DestinationS3Uri: c.destinationS3Uri.replace(/\/+$/, ''),
    ...(c.kmsKeyId ? { KmsKeyId: c.kmsKeyId } : {}),
    CaptureOptions: c.captureModes.map((CaptureMode) => ({ CaptureMode })),
    ...(header ? { CaptureContentTypeHeader: header } : {}),
  };
}

const KNOWN_VARIANT_FIELDS = new Set(['VariantName', 'ModelName', 'InitialInstanceCount', 'InstanceType', 'InitialVariantWeight']);

export function productionVariantFromApi(v: ApiProductionVariant): ProductionVariant {
  const extra: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) if (!KNOWN_VARIANT_FIELDS.has(k) && value !== undefined) extra[k] = value;
  return {
    variantName: v.VariantName ?? '',
    modelName: v.ModelName,
    initialInstanceCount: v.InitialInstanceCount,
    instanceType: v.InstanceType,
    initialVariantWeight: v.InitialVariantWeight,
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

export function productionVariantToApi(v: ProductionVariant): ApiProductionVariant {
  return {
    ...(v.extra ?? {}),
    VariantName: v.variantName,
    ...(v.modelName !== undefined ? { ModelName: v.modelName } : {}),
    ...(v.initialInstanceCount !== undefined ? { InitialInstanceCount: v.initialInstanceCount } : {}),
    ...(v.instanceType !== undefined ? { InstanceType: v.instanceType as ApiProductionVariant['InstanceType'] } : {}),
    ...(v.initialVariantWeight !== undefined ? { InitialVariantWeight: v.initialVariantWeight } : {}),
  };
}

export function endpointConfigFromApi(d: DescribeEndpointConfigOutput): EndpointConfig {
  return {
    name: required(d.EndpointConfigName, 'EndpointConfigName'),
    arn: d.EndpointConfigArn ?? '',
    creationTime: date(d.CreationTime),
    variants: (d.ProductionVariants ?? []).map(productionVariantFromApi),
    dataCapture: d.DataCaptureConfig ? dataCaptureConfigFromApi(d.DataCaptureConfig) : undefined,
    kmsKeyId: d.KmsKeyId,
  };
}

export function scheduleSummaryFromApi(s: MonitoringScheduleSummary): ScheduleSummary {
  return {
    name: required(s.MonitoringScheduleName, 'MonitoringScheduleName'),
    arn: s.MonitoringScheduleArn ?? '',
    status: required(s.MonitoringScheduleStatus, 'MonitoringScheduleStatus') as ScheduleStatus,
    type: s.MonitoringType as MonitoringType | undefined,
    endpointName: s.EndpointName,
    jobDefinitionName: s.MonitoringJobDefinitionName,
    creationTime: date(s.CreationTime),
    lastModifiedTime: date(s.LastModifiedTime),
  };
}

export function executionFromApi(e: MonitoringExecutionSummary): ExecutionSummary {
  return {
    scheduleName: required(e.MonitoringScheduleName, 'MonitoringScheduleName'),
    scheduledTime: date(e.ScheduledTime),
    creationTime: date(e.CreationTime),
    lastModifiedTime: date(e.LastModifiedTime),
    status: required(e.MonitoringExecutionStatus, 'MonitoringExecutionStatus') as ExecutionStatus,
    processingJobArn: e.ProcessingJobArn,
    endpointName: e.EndpointName,
    failureReason: e.FailureReason,
    jobDefinitionName: e.MonitoringJobDefinitionName,
    type: e.MonitoringType as MonitoringType | undefined,
  };
}

export function scheduleFromApi(d: DescribeMonitoringScheduleResponse): Schedule {
  const config = d.MonitoringScheduleConfig;
  return {
    // A description carries the summary's fields, the job definition inside its config.
    ...scheduleSummaryFromApi({
      ...d,
      MonitoringType: d.MonitoringType ?? config?.MonitoringType,
      MonitoringJobDefinitionName: config?.MonitoringJobDefinitionName,
    }),
    schedule: {
      scheduleExpression: config?.ScheduleConfig?.ScheduleExpression ?? '',
      dataAnalysisStartTime: config?.ScheduleConfig?.DataAnalysisStartTime,
      dataAnalysisEndTime: config?.ScheduleConfig?.DataAnalysisEndTime,
    },
    failureReason: d.FailureReason,
    lastExecution: d.LastMonitoringExecutionSummary ? executionFromApi(d.LastMonitoringExecutionSummary) : undefined,
  };
}

function inputFromApi(input: Record<string, unknown> | undefined): MonitoringInputSpec {
  const endpoint = input?.EndpointInput as ApiEndpointInput | undefined;
  if (endpoint) {
    return {
      kind: 'Endpoint',
      endpointName: endpoint.EndpointName ?? '',
      localPath: endpoint.LocalPath ?? '',
      startTimeOffset: endpoint.StartTimeOffset,
      endTimeOffset: endpoint.EndTimeOffset,
      featuresAttribute: endpoint.FeaturesAttribute,
      inferenceAttribute: endpoint.InferenceAttribute,
      probabilityAttribute: endpoint.ProbabilityAttribute,
      probabilityThresholdAttribute: endpoint.ProbabilityThresholdAttribute,
      excludeFeaturesAttribute: endpoint.ExcludeFeaturesAttribute,
    };
  }
  const batch = input?.BatchTransformInput as ApiBatchTransformInput | undefined;
  if (!batch) throw new Error('The job definition has neither an EndpointInput nor a BatchTransformInput');
  return {
    kind: 'BatchTransform',
    dataCapturedDestinationS3Uri: batch.DataCapturedDestinationS3Uri ?? '',
    datasetFormat: {
      ...(batch.DatasetFormat?.Csv ? { csv: { header: batch.DatasetFormat.Csv.Header ?? false } } : {}),
      ...(batch.DatasetFormat?.Json ? { json: { line: batch.DatasetFormat.Json.Line ?? false } } : {}),
      ...(batch.DatasetFormat?.Parquet ? { parquet: {} } : {}),
    },
    localPath: batch.LocalPath ?? '',
    startTimeOffset: batch.StartTimeOffset,
    endTimeOffset: batch.EndTimeOffset,
    inferenceAttribute: batch.InferenceAttribute,
    probabilityAttribute: batch.ProbabilityAttribute,
    probabilityThresholdAttribute: batch.ProbabilityThresholdAttribute,
  };
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function inputToApi(input: MonitoringInputSpec): Record<string, unknown> {
  if (input.kind === 'Endpoint') {
    const i: EndpointInputSpec = input;
    return {
      EndpointInput: dropUndefined({
        EndpointName: i.endpointName,
        LocalPath: i.localPath,
        S3InputMode: 'File',
        S3DataDistributionType: 'FullyReplicated',
        StartTimeOffset: i.startTimeOffset,
        EndTimeOffset: i.endTimeOffset,
        FeaturesAttribute: i.featuresAttribute,
        InferenceAttribute: i.inferenceAttribute,
        ProbabilityAttribute: i.probabilityAttribute,
        ProbabilityThresholdAttribute: i.probabilityThresholdAttribute,
        ExcludeFeaturesAttribute: i.excludeFeaturesAttribute,
      }),
    };
  }
  const b: BatchTransformInputSpec = input;
  return {
    BatchTransformInput: dropUndefined({
      DataCapturedDestinationS3Uri: b.dataCapturedDestinationS3Uri,
      DatasetFormat: dropUndefined({
        Csv: b.datasetFormat.csv ? { Header: b.datasetFormat.csv.header } : undefined,
        Json: b.datasetFormat.json ? { Line: b.datasetFormat.json.line } : undefined,
        Parquet: b.datasetFormat.parquet ? {} : undefined,
      }),
      LocalPath: b.localPath,
      StartTimeOffset: b.startTimeOffset,
      EndTimeOffset: b.endTimeOffset,
      InferenceAttribute: b.inferenceAttribute,
      ProbabilityAttribute: b.probabilityAttribute,
      ProbabilityThresholdAttribute: b.probabilityThresholdAttribute,
    }),
  };
}

/** A `Describe{Type}JobDefinition` response → our JobDefinition. */
export function jobDefinitionFromApi(type: MonitoringType, d: JobDefinitionDocument): JobDefinition {
  const p = JOB_DEFINITION_PREFIX[type];
  const app = (d[`${p}AppSpecification`] ?? {}) as Record<string, unknown>;
  const baseline = d[`${p}BaselineConfig`] as
    | { BaseliningJobName?: string; ConstraintsResource?: { S3Uri?: string }; StatisticsResource?: { S3Uri?: string } }
    | undefined;
  const input = d[`${p}JobInput`] as Record<string, unknown> | undefined;
  const output = d[`${p}JobOutputConfig`] as { MonitoringOutputs?: { S3Output?: { S3Uri?: string } }[]; KmsKeyId?: string } | undefined;
  const network = d.NetworkConfig as
    | { EnableNetworkIsolation?: boolean; EnableInterContainerTrafficEncryption?: boolean; VpcConfig?: { Subnets?: string[]; SecurityGroupIds?: string[] } }
    | undefined;
  const resources = (d.JobResources as MonitoringResources | undefined)?.ClusterConfig;
  const groundTruth = (input?.GroundTruthS3Input as { S3Uri?: string } | undefined)?.S3Uri;
  return dropUndefined({
    name: d.JobDefinitionName,
    type,
    arn: d.JobDefinitionArn,
    creationTime: d.CreationTime !== undefined ? date(d.CreationTime) : undefined,
    input: inputFromApi(input),
    baseline: baseline
      ? dropUndefined({
          baseliningJobName: baseline.BaseliningJobName,
          constraintsS3Uri: baseline.ConstraintsResource?.S3Uri,
          statisticsS3Uri: baseline.StatisticsResource?.S3Uri,
        })
      : undefined,
    outputS3Uri: output?.MonitoringOutputs?.[0]?.S3Output?.S3Uri ?? '',
    outputKmsKeyId: output?.KmsKeyId,
    imageUri: (app.ImageUri as string | undefined) ?? '',
    environment: app.Environment as Record<string, string> | undefined,
    roleArn: d.RoleArn,
    resources: dropUndefined({
      instanceCount: resources?.InstanceCount ?? 1,
      instanceType: resources?.InstanceType ?? 'ml.m5.xlarge',
      volumeSizeInGB: resources?.VolumeSizeInGB ?? 30,
      volumeKmsKeyId: resources?.VolumeKmsKeyId,
    }),
    networkConfig: network
      ? dropUndefined({
          enableNetworkIsolation: network.EnableNetworkIsolation,
          enableInterContainerTrafficEncryption: network.EnableInterContainerTrafficEncryption,
          vpcConfig: network.VpcConfig ? { subnets: network.VpcConfig.Subnets ?? [], securityGroupIds: network.VpcConfig.SecurityGroupIds ?? [] } : undefined,
        })
      : undefined,
    maxRuntimeInSeconds: (d.StoppingCondition as { MaxRuntimeInSeconds?: number } | undefined)?.MaxRuntimeInSeconds,
    problemType: app.ProblemType as ProblemType | undefined,
    groundTruthS3Uri: groundTruth,
    configUri: app.ConfigUri as string | undefined,
    recordPreprocessorSourceUri: app.RecordPreprocessorSourceUri as string | undefined,
    postAnalyticsProcessorSourceUri: app.PostAnalyticsProcessorSourceUri as string | undefined,
  });
}

/** Our JobDefinition → the body of `Create{Type}JobDefinition`. */
export function jobDefinitionToApi(def: JobDefinition): JobDefinitionDocument {
  const p = JOB_DEFINITION_PREFIX[def.type];
  const input: Record<string, unknown> = inputToApi(def.input);
  if (def.groundTruthS3Uri) input.GroundTruthS3Input = { S3Uri: def.groundTruthS3Uri };
  return dropUndefined({
    JobDefinitionName: def.name,
    JobDefinitionArn: def.arn,
    CreationTime: def.creationTime,
    [`${p}AppSpecification`]: dropUndefined({
      ImageUri: def.imageUri,
      Environment: def.environment,
      ProblemType: def.problemType,
      ConfigUri: def.configUri,
      RecordPreprocessorSourceUri: def.recordPreprocessorSourceUri,
      PostAnalyticsProcessorSourceUri: def.postAnalyticsProcessorSourceUri,
    }),
    [`${p}BaselineConfig`]: def.baseline
      ? dropUndefined({
          BaseliningJobName: def.baseline.baseliningJobName,
          ConstraintsResource: def.baseline.constraintsS3Uri ? { S3Uri: def.baseline.constraintsS3Uri } : undefined,
          StatisticsResource:
            def.baseline.statisticsS3Uri && def.type === 'DataQuality' ? { S3Uri: def.baseline.statisticsS3Uri } : undefined,
        })
      : undefined,
    [`${p}JobInput`]: input,
    [`${p}JobOutputConfig`]: dropUndefined({
      MonitoringOutputs: [{ S3Output: { S3Uri: def.outputS3Uri, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'Continuous' } }],
      KmsKeyId: def.outputKmsKeyId,
    }),
    JobResources: {
      ClusterConfig: dropUndefined({
        InstanceCount: def.resources.instanceCount,
        InstanceType: def.resources.instanceType,
        VolumeSizeInGB: def.resources.volumeSizeInGB,
        VolumeKmsKeyId: def.resources.volumeKmsKeyId,
      }),
    },
    NetworkConfig: def.networkConfig
      ? dropUndefined({
          EnableInterContainerTrafficEncryption: def.networkConfig.enableInterContainerTrafficEncryption,
          EnableNetworkIsolation: def.networkConfig.enableNetworkIsolation,
          VpcConfig: def.networkConfig.vpcConfig
            ? { SecurityGroupIds: def.networkConfig.vpcConfig.securityGroupIds, Subnets: def.networkConfig.vpcConfig.subnets }
            : undefined,
        })
      : undefined,
    RoleArn: def.roleArn,
    StoppingCondition: def.maxRuntimeInSeconds !== undefined ? { MaxRuntimeInSeconds: def.maxRuntimeInSeconds } : undefined,
  }) as JobDefinitionDocument;
}
