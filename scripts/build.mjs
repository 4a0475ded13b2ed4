// Bundles the extension host code, the CLI, the integration tests and the webviews with esbuild.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const root = new URL('..', import.meta.url).pathname;

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  logOverride: { 'import-is-undefined': 'error' },
  absWorkingDir: root,
};

const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The AWS SDK's ES module builds tree-shake far better than its CommonJS ones.
  mainFields: ['module', 'main'],
  external: ['vscode'],
};

/**
 * For the bundles a process loads at start (the CLI, the analysis worker): whitespace and syntax
 * minified, names kept (stack traces stay readable; source maps map the rest). Node reads and
 * compiles about a third less: 4 to 5 ms of every CLI run.
 */
const startsFast = { minifyWhitespace: true, minifySyntax: true };

/** The AWS SDK packages' exports in src/monitoring/cli/awsSdk.ts. */
const AWS_SDK_EXPORTS = {
  '@aws-sdk/client-s3': 'clientS3',
  '@aws-sdk/client-sagemaker': 'clientSageMaker',
  '@aws-sdk/credential-providers': 'credentialProviders',
};

/**
 * In the CLI's bundle, each AWS SDK package is a require of dist/cli-aws-sdk.js, evaluated when the
 * module importing it first runs (the AWS modules are imported dynamically, so that is only in runs
 * that talk to AWS). The SDK is bundled once, there; a package missing from it fails the build.
 */
const awsSdkApart = {
  name: 'aws-sdk-apart',
  setup(build) {
    build.onResolve({ filter: /^@(aws-sdk|smithy)\// }, (args) => {
      if (!(args.path in AWS_SDK_EXPORTS)) {
        return { errors: [{ text: `${args.path} is not in dist/cli-aws-sdk.js: export it from src/monitoring/cli/awsSdk.ts and list it in AWS_SDK_EXPORTS` }] };
      }
      return { path: args.path, namespace: 'aws-sdk-apart' };
    });
    build.onResolve({ filter: /^\.\/cli-aws-sdk\.js$/ }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'aws-sdk-apart' }, (args) => ({
      contents: `module.exports = require('./cli-aws-sdk.js').${AWS_SDK_EXPORTS[args.path]};`,
      loader: 'js',
    }));
  },
};

const webviewEntries = existsSync(join(root, 'webview-ui'))
  ? readdirSync(join(root, 'webview-ui'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, 'webview-ui', d.name, 'main.ts')))
      .map((d) => ({ in: `webview-ui/${d.name}/main.ts`, out: d.name }))
  : [];

const builds = [
  { ...nodeCommon, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  {
    ...nodeCommon,
    entryPoints: ['src/monitoring/cli/bin.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [awsSdkApart],
    ...startsFast,
  },
  { ...nodeCommon, entryPoints: ['src/monitoring/cli/awsSdk.ts'], outfile: 'dist/cli-aws-sdk.js' },
  {
    ...nodeCommon,
    entryPoints: ['src/monitoring/analysis/worker.ts'],
    outfile: 'dist/analysisWorker.js',
    ...startsFast,
  },
  {
    ...nodeCommon,
    entryPoints: ['test/integration/index.ts'],
    outfile: 'out/test/integration/index.js',
    external: ['vscode', 'mocha'],
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: webviewEntries,
    outdir: 'dist/webview',
    loader: { '.css': 'text' },
  },
].filter((b) => (b.entryPoints ?? []).every((e) => existsSync(join(root, typeof e === 'string' ? e : e.in))) && (b.entryPoints ?? []).length > 0);

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync(join(root, 'dist/cli.js'))) chmodSync(join(root, 'dist/cli.js'), 0o755);
}
