// `npm run demo`: the extension in a real VS Code (code-server) on the abalone demo workspace.
//   npm run demo                          serve it; open the printed URL in a browser; Ctrl-C stops it
//   npm run demo -- --port 8080           on a chosen port (default: any free one)
//   npm run demo -- --rebuild             rebuild the demo workspace (.demo/abalone) first
//   npm run demo -- --screenshots DIR     headless: save PNGs of the tour (light and dark) and exit
// The extension is installed from its .vsix, as users get it. code-server installs into .cache/ on
// first use (3–4 minutes of CPU time building native modules: half an hour on a busy machine);
// missing Debian packages are installed first when run as root (scripts/system-packages.sh), or the
// apt-get command to run is printed.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { require as requireTs } from 'tsx/cjs/api';
import { packageExtension } from './package.mjs';

const harness = (name) => requireTs(`../test/harness/${name}.ts`, import.meta.url);
const { ensureCodeServer } = harness('installCodeServer');
const { installVsix, startCodeServer, workbenchUrl } = harness('codeServer');
const { buildDemoWorkspace } = harness('demoWorkspace');
const { takeDemoScreenshots } = harness('demoScreenshots');
const { cacheDir, demoWorkspaceDir } = harness('paths');
const { describeFailure } = harness('harnessError');
const { requireChromium } = harness('systemRequirements');

function parseOptions() {
  const { values } = parseArgs({
    options: {
      rebuild: { type: 'boolean', default: false },
      screenshots: { type: 'string' },
      port: { type: 'string' },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`--port must be a port number, not "${values.port}".`);
  }
  return { rebuild: values.rebuild, screenshots: values.screenshots && resolve(values.screenshots), port };
}

async function prepareWorkspace(rebuild) {
  if (rebuild) rmSync(demoWorkspaceDir, { recursive: true, force: true });
  if (existsSync(demoWorkspaceDir)) {
    console.log(`Using the demo workspace in ${demoWorkspaceDir} (--rebuild makes a new one).`);
    return;
  }
  console.log(`Building the demo workspace into ${demoWorkspaceDir}...`);
  await buildDemoWorkspace(demoWorkspaceDir);
}

async function installExtension() {
  const vsix = await packageExtension();
  const extensionsDir = join(cacheDir, 'demo', 'extensions');
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  await installVsix(vsix, extensionsDir);
  console.log(`Installed ${vsix} into ${extensionsDir}.`);
  return extensionsDir;
}

async function serveUntilInterrupted(extensionsDir, port) {
  const server = await startCodeServer({ folder: demoWorkspaceDir, extensionsDir, port, label: 'demo' });
  console.log(`\nThe demo is running. Open this in a browser:\n\n  ${workbenchUrl(server)}\n`);
  console.log(`(code-server's log: ${server.logFile}). Press Ctrl-C to stop.`);
  await new Promise((done) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, done);
  });
  console.log('\nStopping code-server...');
  await server.stop();
}

async function main() {
  const options = parseOptions();
  if (options.screenshots) requireChromium(); // before the long install, not after it
  await ensureCodeServer();
  const extensionsDir = await installExtension();
  await prepareWorkspace(options.rebuild);
  if (options.screenshots) {
    const files = await takeDemoScreenshots(demoWorkspaceDir, extensionsDir, options.screenshots);
    console.log(`Saved ${files.length} screenshots:\n${files.map((f) => `  ${f}`).join('\n')}`);
  } else {
    await serveUntilInterrupted(extensionsDir, options.port);
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nThe demo failed: ${describeFailure(error)}`);
  process.exitCode = 1;
}
