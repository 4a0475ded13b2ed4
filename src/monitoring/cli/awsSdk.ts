/**
 * The AWS SDK packages the CLI uses, bundled apart from it into dist/cli-aws-sdk.js: the CLI's own
 * bundle (dist/cli.js) requires this file when its AWS code first runs, so a run that talks to no AWS
 * service never parses the SDK. scripts/build.mjs maps each package to its export here.
 */
export * as clientS3 from '@aws-sdk/client-s3';
export * as clientSageMaker from '@aws-sdk/client-sagemaker';
export * as credentialProviders from '@aws-sdk/credential-providers';
