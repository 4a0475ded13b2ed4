// `npm run test:electron`: the integration suite (test/integration) in desktop VS Code, downloaded
// by @vscode/test-electron, for machines that can reach Microsoft's download servers. Here (npm and
// Debian only) use `npm test -- integration`, which runs the same suite in code-server.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { require as requireTs } from 'tsx/cjs/api';

const root = new URL('../..', import.meta.url).pathname;
const { temporaryDemoWorkspace } = requireTs('./demoWorkspace.ts', import.meta.url);

function build() {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed (see above).');
}

async function downloadVSCode() {
  try {
    return await downloadAndUnzipVSCode();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not download VS Code (${reason}).\n` +
        '@vscode/test-electron downloads VS Code from update.code.visualstudio.com into .vscode-test/, and this machine cannot reach it.\n' +
        'Run the same suite in code-server instead, which comes from npm: npm test -- integration',
    );
  }
}

async function main() {
  build();
  const vscodeExecutablePath = await downloadVSCode();
  const workspace = await temporaryDemoWorkspace();
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
      // Only this extension, on the demo workspace. On Linux without a display, run under `xvfb-run -a`.
      launchArgs: [workspace.dir, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    workspace.remove();
  }
}

try {
  await main();
} catch (error) {
  console.error(`\ntest:electron failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
