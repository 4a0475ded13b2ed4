/**
 * The SageMaker Python SDK (v2) code that creates the same monitor as a plan: `DefaultModelMonitor` or
 * `ModelQualityMonitor`, `suggest_baseline`, `create_monitoring_schedule` (spec §7.2). Strings are
 * written as JSON literals, which Python reads the same.
 */
import type { MonitorPlan } from './monitorRequests';

const py = (value: string): string => JSON.stringify(value);
const bool = (value: boolean): string => (value ? 'True' : 'False');

function call(name: string, args: [string, string | undefined][], indent = ''): string {
  const present = args.filter((a): a is [string, string] => a[1] !== undefined);
  if (present.length === 0) return `${name}()`;
  return `${name}(\n${present.map(([k, v]) => `${indent}    ${k}=${v},`).join('\n')}\n${indent})`;
}

function cronCode(expr: string): string {
  if (expr === 'NOW') return 'CronExpressionGenerator.now()';
  if (expr === 'cron(0 * ? * * *)') return 'CronExpressionGenerator.hourly()';
  const daily = /^cron\(0 (\d{1,2}) \? \* \* \*\)$/.exec(expr);
  if (daily) return `CronExpressionGenerator.daily(hour=${Number(daily[1])})`;
  const every = /^cron\(0 (\d{1,2})\/(\d{1,2}) \? \* \* \*\)$/.exec(expr);
  if (every) return `CronExpressionGenerator.daily_every_x_hours(hour_interval=${Number(every[2])}, starting_hour=${Number(every[1])})`;
  return py(expr);
}

export function pythonSnippet(plan: MonitorPlan): string {
  const def = plan.jobDefinition;
  const mq = def.type === 'ModelQuality';
  const monitorClass = mq ? 'ModelQualityMonitor' : 'DefaultModelMonitor';
  const imports = [
    `from sagemaker.model_monitor import ${[monitorClass, 'CronExpressionGenerator', 'EndpointInput'].join(', ')}`,
    'from sagemaker.model_monitor.dataset_format import DatasetFormat',
  ];
  const network = def.networkConfig;
  if (network) imports.push('from sagemaker.network import NetworkConfig');
  const lines: string[] = [...imports, ''];
  if (plan.upload) {
    lines.push(`# The baseline dataset ${plan.upload.file} is uploaded to ${plan.upload.s3Uri} first.`);
  }
  const networkCode = network
    ? call(
        'NetworkConfig',
        [
          ['enable_network_isolation', bool(network.enableNetworkIsolation ?? false)],
          ['encrypt_inter_container_traffic', bool(network.enableInterContainerTrafficEncryption ?? false)],
          ['subnets', network.vpcConfig ? `[${network.vpcConfig.subnets.map(py).join(', ')}]` : undefined],
          ['security_group_ids', network.vpcConfig ? `[${network.vpcConfig.securityGroupIds.map(py).join(', ')}]` : undefined],
        ],
        '    ',
      )
    : undefined;
  lines.push(
    `monitor = ${call(monitorClass, [
      ['role', py(def.roleArn)],
      ['instance_count', String(def.resources.instanceCount)],
      ['instance_type', py(def.resources.instanceType)],
      ['volume_size_in_gb', String(def.resources.volumeSizeInGB)],
      ['volume_kms_key', def.resources.volumeKmsKeyId ? py(def.resources.volumeKmsKeyId) : undefined],
      ['output_kms_key', def.outputKmsKeyId ? py(def.outputKmsKeyId) : undefined],
      ['max_runtime_in_seconds', def.maxRuntimeInSeconds !== undefined ? String(def.maxRuntimeInSeconds) : undefined],
      ['network_config', networkCode],
    ])}`,
    '',
  );
  const b = plan.baseline;
  if (b) {
    const format = 'csv' in b.datasetFormat ? `DatasetFormat.csv(header=${bool(b.datasetFormat.csv.header)})` : 'DatasetFormat.json(lines=True)';
    lines.push(
      `monitor.${call('suggest_baseline', [
        ['job_name', py(b.jobName)],
        ['baseline_dataset', py(b.datasetS3Uri)],
        ['dataset_format', format],
        ['problem_type', mq && b.problemType ? py(b.problemType) : undefined],
        ['inference_attribute', b.inferenceAttribute !== undefined ? py(b.inferenceAttribute) : undefined],
        ['probability_attribute', b.probabilityAttribute !== undefined ? py(b.probabilityAttribute) : undefined],
        ['ground_truth_attribute', b.groundTruthAttribute !== undefined ? py(b.groundTruthAttribute) : undefined],
        ['probability_threshold_attribute', b.probabilityThresholdAttribute !== undefined ? String(b.probabilityThresholdAttribute) : undefined],
        ['output_s3_uri', py(b.outputS3Uri)],
        ['wait', 'True'],
      ])}`,
      '',
    );
  }
  const input = def.input;
  const endpointInput =
    input.kind === 'Endpoint'
      ? call(
          'EndpointInput',
          [
            ['endpoint_name', py(input.endpointName)],
            ['destination', py(input.localPath)],
            ['start_time_offset', input.startTimeOffset ? py(input.startTimeOffset) : undefined],
            ['end_time_offset', input.endTimeOffset ? py(input.endTimeOffset) : undefined],
            ['inference_attribute', input.inferenceAttribute !== undefined ? py(input.inferenceAttribute) : undefined],
            ['probability_attribute', input.probabilityAttribute !== undefined ? py(input.probabilityAttribute) : undefined],
            ['probability_threshold_attribute', input.probabilityThresholdAttribute !== undefined ? String(input.probabilityThresholdAttribute) : undefined],
          ],
          '    ',
        )
      : py('');
  const constraints = b ? 'monitor.suggested_constraints()' : def.baseline?.constraintsS3Uri ? py(def.baseline.constraintsS3Uri) : undefined;
  const statistics = mq ? undefined : b ? 'monitor.baseline_statistics()' : def.baseline?.statisticsS3Uri ? py(def.baseline.statisticsS3Uri) : undefined;
  const schedule = plan.schedule.schedule;
  lines.push(
    `monitor.${call('create_monitoring_schedule', [
      ['monitor_schedule_name', py(plan.schedule.name)],
      ['endpoint_input', endpointInput],
      ['ground_truth_input', mq && def.groundTruthS3Uri ? py(def.groundTruthS3Uri) : undefined],
      ['problem_type', mq && def.problemType ? py(def.problemType) : undefined],
      ['record_preprocessor_script', def.recordPreprocessorSourceUri ? py(def.recordPreprocessorSourceUri) : undefined],
      ['post_analytics_processor_script', def.postAnalyticsProcessorSourceUri ? py(def.postAnalyticsProcessorSourceUri) : undefined],
      ['output_s3_uri', py(def.outputS3Uri)],
      ['statistics', statistics],
      ['constraints', constraints],
      ['schedule_cron_expression', cronCode(schedule.scheduleExpression)],
      ['data_analysis_start_time', schedule.dataAnalysisStartTime ? py(schedule.dataAnalysisStartTime) : undefined],
      ['data_analysis_end_time', schedule.dataAnalysisEndTime ? py(schedule.dataAnalysisEndTime) : undefined],
      ['enable_cloudwatch_metrics', bool(def.environment?.publish_cloudwatch_metrics === 'Enabled')],
    ])}`,
  );
  return `${lines.join('\n')}\n`;
}
