/**
 * Benchmark: time to first render of the charts webview with a 10,000-point chart, beside the same
 * page built with decimation off (the peer), and of the execution report with 100 features. Headless
 * Chromium (--disable-gpu), our real webview bundles under our real CSP (nonce scripts, no inline
 * styles); the page is told its data by a message, as VS Code does. Measured in the page from the
 * message to two animation frames later (the chart drawn and painted); median of --runs.
 *
 *   npx tsx scripts/bench/webviews.ts [--points 10000] [--features 100] [--runs 7]
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newPage } from '../../test/harness/workbench';
import type { ChartsData } from '../../src/panels/chartData';
import type { ExecutionReportModel, FeatureRow } from '../../src/panels/executionReportModel';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} needs a positive number, got ${process.argv[i + 1]}`);
  return value;
}

const POINTS = option('points', 10_000);
const FEATURES = option('features', 100);
const RUNS = option('runs', 7);
const root = join(__dirname, '..', '..');
const ORIGIN = 'https://bench.webview';

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const out = await build({ entryPoints: [join(root, entry)], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'es2022', minify: true, define, logLevel: 'silent' });
  return out.outputFiles[0].text;
}

/** The page VS Code would make (webviewHtml): our stylesheet, one nonce script, the same CSP. */
function html(script: string): string {
  const nonce = 'YmVuY2htYXJrbm9uY2U=';
  const csp = `default-src 'none'; style-src ${ORIGIN}; img-src ${ORIGIN} data:; font-src ${ORIGIN}; script-src 'nonce-${nonce}'`;
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${ORIGIN}/webview.css"></head>
<body><main id="app"></main>
<script nonce="${nonce}" src="${ORIGIN}/shim.js"></script><script nonce="${nonce}" src="${ORIGIN}/${script}.js"></script></body></html>`;
}

/** acquireVsCodeApi for a page outside VS Code: state in memory, messages dropped. */
const SHIM = `window.cspViolations=0;document.addEventListener('securitypolicyviolation',()=>window.cspViolations++);
window.acquireVsCodeApi=()=>{let s;return{postMessage(){},getState(){return s},setState(v){s=v}}};`;

async function openPage(page: Page, files: Record<string, string>, script: string): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    const body = name === 'index.html' ? html(script) : files[name];
    if (body === undefined) return route.fulfill({ status: 404, body: '' });
    const type = name.endsWith('.html') ? 'text/html' : name.endsWith('.css') ? 'text/css' : 'text/javascript';
    return route.fulfill({ status: 200, body, contentType: type });
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${ORIGIN}/index.html`);
}

/**
 * ms from the message to two frames after it, in the page. The page code is a string: tsx would wrap
 * a function's inner helpers in its own `__name`, which the page does not have.
 */
const TIME_RENDER = `async ({ message, ready }) => {
  document.getElementById('app')?.replaceChildren();
  const t0 = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: message }));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
  while (!document.querySelector(ready)) await frame();
  await frame();
  await frame();
  return performance.now() - t0;
}`;

async function timeRender(page: Page, message: unknown, ready: string): Promise<number> {
  const fn = await page.evaluateHandle(`(${TIME_RENDER})`);
  const ms = await page.evaluate(([f, arg]) => (f as unknown as (a: unknown) => Promise<number>)(arg), [fn, { message, ready }] as const);
  await fn.dispose();
  return ms;
}

function chartsMessage(points: number): unknown {
  const start = Date.parse('2025-01-01T00:00:00Z');
  const executions: ChartsData['executions'] = [];
  for (let i = 0; i < points; i++) {
    executions.push({ scheduleName: 'mq', time: start + i * 3_600_000, status: 'Completed', features: [], metrics: [{ name: 'rmse', value: 2 + Math.sin(i / 50) * 0.3 + (i % 7) / 50 }], violations: i % 97 === 0 ? [{ name: 'rmse', check: 'GreaterThanThreshold' }] : [] });
  }
  const data: ChartsData = { endpointName: 'bench', baselines: [{ scheduleName: 'mq', features: [], metrics: [{ name: 'rmse', threshold: 2.2, operator: 'GreaterThanThreshold' }] }], executions };
  return { type: 'data', data, charts: [{ id: 'c1', range: { kind: 'all' }, source: 'metric', statistic: 'mean', names: ['rmse'] }], restore: { connectionId: 'b', endpointName: 'bench' }, errors: [] };
}

function reportMessage(features: number): unknown {
  const rows: FeatureRow[] = [];
  for (let i = 0; i < features; i++) {
    const summary = { inferredType: 'Fractional', completeness: 0.97, numPresent: 970, numMissing: 30, mean: i, sum: i * 970, stdDev: 1.5, min: -1, max: i + 3 };
    rows.push({
      name: `feature_${i}`,
      baseline: summary,
      current: { ...summary, mean: i + 0.2 },
      violated: i % 5 === 0,
      checks: i % 5 === 0 ? ['baseline_drift_check'] : [],
      drift: { distance: 0.05 + (i % 10) / 40, threshold: 0.1, method: 'LInfinity, Robust', exceeded: i % 5 === 0, source: 'ours' },
      overlay: { kind: 'bins', labels: Array.from({ length: 10 }, (_, b) => `${b} – ${b + 1}`), baseline: Array(10).fill(0.1), current: Array(10).fill(0.1), baselineCount: 1000, currentCount: 1000 },
    });
  }
  const report: ExecutionReportModel = {
    scheduleName: 'bench-dq',
    scheduledTime: '2025-01-01T00:00:00.000Z',
    status: 'CompletedWithViolations',
    reportUri: 's3://bench/r',
    itemCount: 1000,
    summary: `${features / 5} of ${features} features violate`,
    violations: rows.filter((r) => r.violated).map((r) => ({ feature: r.name, check: 'baseline_drift_check', description: 'Baseline drift distance: 0.3 exceeds threshold: 0.1', observed: 0.3, threshold: 0.1, comparison: '>', unit: 'number', meaning: 'm', explanation: 'distance 0.3 > threshold 0.1' })),
    features: rows,
    findings: [],
    metrics: [],
    files: {},
  };
  return { type: 'report', report, restore: { connectionId: 'b', execution: { scheduleName: 'bench-dq', scheduledTime: report.scheduledTime, creationTime: report.scheduledTime, lastModifiedTime: report.scheduledTime, status: 'CompletedWithViolations' } } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const css = readFileSync(join(root, 'media', 'webview.css'), 'utf8');
  const [charts, chartsNoDecimation, report] = await Promise.all([
    bundle('webview-ui/charts/main.ts'),
    bundle('webview-ui/charts/main.ts', { CHARTS_DECIMATION: 'false' }),
    bundle('webview-ui/executionReport/main.ts'),
  ]);
  const browser = await launchBrowser();
  try {
    const measure = async (script: string, files: Record<string, string>, message: unknown, ready: string) => {
      const page = await newPage(browser);
      await openPage(page, { 'webview.css': css, 'shim.js': SHIM, ...files }, script);
      const times: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) times.push(await timeRender(page, message, ready));
      const violations = Number(await page.evaluate('window.cspViolations'));
      await page.close();
      return { ms: median(times.slice(1)), violations };
    };
    const chartMsg = chartsMessage(POINTS);
    const ours = await measure('charts', { 'charts.js': charts }, chartMsg, '.chart-card[data-points] canvas[data-last-point]');
    const peer = await measure('charts', { 'charts.js': chartsNoDecimation }, chartMsg, '.chart-card[data-points] canvas[data-last-point]');
    const rep = await measure('executionReport', { 'executionReport.js': report }, reportMessage(FEATURES), '#features details.feature');
    console.log(`Headless Chromium --disable-gpu, 1280x900, median of ${RUNS} runs after a warm-up (in-page time from the message to 2 frames later).`);
    console.log(`charts, ${POINTS} points, decimation lttb 500:   ${ours.ms.toFixed(0)} ms  (target < 200 ms)  CSP violations: ${ours.violations}`);
    console.log(`charts, ${POINTS} points, decimation off (peer): ${peer.ms.toFixed(0)} ms  ratio peer/ours ${(peer.ms / ours.ms).toFixed(2)}  CSP violations: ${peer.violations}`);
    console.log(`report, ${FEATURES} features:                    ${rep.ms.toFixed(0)} ms  (target < 500 ms)  CSP violations: ${rep.violations}`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
