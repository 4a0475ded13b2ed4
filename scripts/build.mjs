// Bundles the extension host code, the CLI, the integration tests and the webviews with esbuild.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, chmodSync, rmSync } from 'node:fs';
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
  },
  {
    // The CLI as ES modules split into chunks, so that the AWS SDK (imported dynamically, only for
    // s3:// URIs) is parsed only by the runs that use it. In dist/cli/; the code's __dirname is dist/,
    // as in the other bundles (it finds analysisWorker.js and media/ from there).
    ...nodeCommon,
    format: 'esm',
    splitting: true,
    entryPoints: [{ in: 'src/monitoring/cli/main.ts', out: 'main' }],
    outdir: 'dist/cli',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    banner: {
      js: [
        "import { createRequire as __cliCreateRequire } from 'node:module';",
        "import { fileURLToPath as __cliFileURLToPath } from 'node:url';",
        'const require = __cliCreateRequire(import.meta.url);',
        "const __dirname = __cliFileURLToPath(new URL('..', import.meta.url));",
      ].join('\n'),
    },
  },
  {
    ...nodeCommon,
    entryPoints: ['src/monitoring/analysis/worker.ts'],
    outfile: 'dist/analysisWorker.js',
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

// Chunk names change with their content: the chunks of an earlier build must not pile up beside these.
rmSync(join(root, 'dist/cli'), { recursive: true, force: true });

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync(join(root, 'dist/cli.js'))) chmodSync(join(root, 'dist/cli.js'), 0o755);
}
