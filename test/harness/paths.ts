// Where the test harness keeps its tools, workspaces and results. Everything here is git-ignored.
import { join, resolve } from 'node:path';

/** The repository root (this file lives in test/harness/). */
export const repoRoot = resolve(__dirname, '..', '..');

/**
 * Tools installed on first use (Node 24, code-server). MODEL_MONITOR_CACHE_DIR may point at another
 * folder, so that several clones can share one warm install.
 */
export const cacheDir = process.env.MODEL_MONITOR_CACHE_DIR
  ? resolve(process.env.MODEL_MONITOR_CACHE_DIR)
  : join(repoRoot, '.cache');

export const testResultsDir = join(repoRoot, 'test-results');
export const screenshotsDir = join(testResultsDir, 'screenshots');

/** The demo workspace `npm run demo` opens. */
export const demoWorkspaceDir = join(repoRoot, '.demo', 'abalone');

/** The extension's manifest id (publisher.name). */
export const extensionId = 'model-monitor-vscode.sagemaker-model-monitor';
