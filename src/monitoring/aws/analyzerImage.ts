/**
 * Where SageMaker's built-in Model Monitor analyzer image lives in each region (spec §3.1, from the
 * SageMaker Python SDK's `image_uri_config/model-monitor.json`). The image is only usable by SageMaker
 * jobs in the same region, so a baseline job must name the image of the backend's region.
 */
import { MonitoringError } from '../errors';

const ANALYZER_ACCOUNTS: Readonly<Record<string, string>> = {
  'af-south-1': '875698925577',
  'ap-east-1': '001633400207',
  'ap-northeast-1': '574779866223',
  'ap-northeast-2': '709848358524',
  'ap-northeast-3': '990339680094',
  'ap-south-1': '126357580389',
  'ap-southeast-1': '245545462676',
  'ap-southeast-2': '563025443158',
  'ap-southeast-3': '669540362728',
  'ca-central-1': '536280801234',
  'cn-north-1': '453000072557',
  'cn-northwest-1': '453252182341',
  'eu-central-1': '048819808253',
  'eu-central-2': '590183933784',
  'eu-north-1': '895015795356',
  'eu-south-1': '933208885752',
  'eu-south-2': '437450045455',
  'eu-west-1': '468650794304',
  'eu-west-2': '749857270468',
  'eu-west-3': '680080141114',
  'il-central-1': '843974653677',
  'me-central-1': '588750061953',
  'me-south-1': '607024016150',
  'sa-east-1': '539772159869',
  'us-east-1': '156813124566',
  'us-east-2': '777275614652',
  'us-west-1': '890145073186',
  'us-west-2': '159807026194',
  'us-gov-west-1': '362178532790',
  'us-isof-east-1': '853188333426',
  'us-isof-south-1': '467912361380',
};

export const ANALYZER_REPOSITORY = 'sagemaker-model-monitor-analyzer';

/** Regions where the analyzer image is published. */
export function analyzerRegions(): string[] {
  return Object.keys(ANALYZER_ACCOUNTS).sort();
}

/** The DNS suffix of a region's partition: China and the isolated partitions differ from amazonaws.com. */
function partitionDomain(region: string): string {
  if (region.startsWith('cn-')) return 'amazonaws.com.cn';
  if (region.startsWith('us-isof-')) return 'csp.hci.ic.gov';
  return 'amazonaws.com';
}

/** `<account>.dkr.ecr.<region>.<domain>/sagemaker-model-monitor-analyzer` for a region. */
export function analyzerImageUri(region: string): string {
  const account = ANALYZER_ACCOUNTS[region];
  if (!account) {
    throw new MonitoringError(
      'Validation',
      `SageMaker's Model Monitor analyzer is not published in region "${region}". Choose one of: ${analyzerRegions().join(', ')} — or run the analysis locally.`,
      { resource: region },
    );
  }
  return `${account}.dkr.ecr.${region}.${partitionDomain(region)}/${ANALYZER_REPOSITORY}`;
}
