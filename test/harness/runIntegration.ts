// Runs the integration suite (out/test/integration/index.js) inside code-server's extension host.
// The smoke-test driver makes the workbench honour the URL payload: it loads the extension from
// the repository, runs the suite's run(), passes the extension host's console to
// window.codeAutomationLog and the result to window.codeAutomationExit.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { reportPrefix, reportPrefixVariable } from '../integration/reporterOutput';
import { restrictedSuiteVariable } from '../integration/suiteSelection';
import { startAwsEmulators } from './awsEmulators';
import { startCodeServer, testSettings, workbenchUrl, type RunningCodeServer } from './codeServer';
import { temporaryDemoWorkspace } from './demoWorkspace';
import { describeFailure, HarnessError } from './harnessError';
import { repoRoot, testResultsDir } from './paths';
import { launchBrowser, newPage } from './workbench';

export interface IntegrationRun {
  /** The extension under test: a folder with package.json and its built code. */
  readonly extensionPath: string;
  /** The bundled suite, exporting run(): Promise<void>. */
  readonly testsPath: string;
  /** The folder the workbench opens. */
  readonly workspace: string;
  /**
   * Open it untrusted (Restricted Mode) and run the suite of test/integration/restricted/ instead,
   * with the local scheduler left on, so that only the missing trust keeps it from running.
   */
  readonly restricted?: boolean;
}

const suiteTimeoutMs = 5 * 60_000;

/** Runs the suite; resolves to the exit code the workbench reports (0 when every test passed). */
export async function runIntegrationTests(run: IntegrationRun): Promise<number> {
  const aws = await startAwsEmulators();
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({
      folder: run.workspace,
      smokeTestDriver: true,
      label: run.restricted ? 'integration-restricted' : 'integration',
      settings: { ...(run.restricted ? {} : testSettings), ...aws.settings },
      workspaceTrust: run.restricted === true,
    });
    browser = await launchBrowser();
    const page = await newPage(browser);
    const { exitCode } = await listenForResult(page, join(testResultsDir, run.restricted ? 'integration-restricted-workbench.log' : 'integration-workbench.log'));
    const url = workbenchUrl(server, {
      extensionDevelopmentPath: run.extensionPath,
      extensionTestsPath: run.testsPath,
      extensionEnvironment: { [reportPrefixVariable]: reportPrefix, ...aws.environment, ...grepEnvironment(), ...(run.restricted ? { [restrictedSuiteVariable]: '1' } : {}) },
    });
    await page.goto(url);
    const logFile = server.logFile;
    return await withTimeout(exitCode, suiteTimeoutMs, () =>
      new HarnessError(`The integration suite did not report a result within ${suiteTimeoutMs / 60_000} minutes. See ${logFile}.`),
    );
  } finally {
    await browser?.close();
    await server?.stop();
    await aws.stop();
  }
}

/**
 * Prints the suite's report and keeps the rest of the workbench's log in `workbenchLog`; returns the
 * exit code the workbench will report.
 */
async function listenForResult(page: Page, workbenchLog: string): Promise<{ exitCode: Promise<number> }> {
  let report: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (report = resolve));
  writeFileSync(workbenchLog, '');
  await page.exposeFunction('codeAutomationExit', (code: number) => report(code));
  await page.exposeFunction('codeAutomationLog', (level: string, args: unknown[]) => {
    const text = format(...args);
    if (text.startsWith(reportPrefix)) console.log(text.slice(reportPrefix.length));
    else appendFileSync(workbenchLog, `[${level}] ${text}\n`);
  });
  return { exitCode };
}

function withTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** `npx tsx test/harness/runIntegration.ts`: the suite against this repository and a fresh demo workspace. */
async function main(): Promise<number> {
  let exitCode = 0;
  // The suite on a trusted workspace, then the Restricted Mode suite on a fresh one.
  for (const restricted of [false, true]) {
    const workspace = await temporaryDemoWorkspace();
    try {
      const code = await runIntegrationTests({ extensionPath: repoRoot, testsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'), workspace: workspace.dir, restricted });
      exitCode = exitCode || code;
    } finally {
      workspace.remove();
    }
  }
  return exitCode;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(describeFailure(error));
      process.exitCode = 1;
    },
  );
}

/** `MODEL_MONITOR_TEST_GREP=<pattern> npm test -- integration` runs only the tests whose titles match. */
function grepEnvironment(): Record<string, string> {
  const pattern = process.env.MODEL_MONITOR_TEST_GREP;
  return pattern ? { MODEL_MONITOR_TEST_GREP: pattern } : {};
}
