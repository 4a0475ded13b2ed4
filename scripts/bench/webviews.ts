/**
 * Benchmark: time to first render of the charts webview with a 10,000-point chart, beside the same
 * page built with decimation off (the peer), and of the execution report with 100 features. Headless
 * Chromium (--disable-gpu), our real webview bundles under our real CSP (nonce scripts, no inline
 * styles); the page is told its data by a message, as VS Code does. Measured in the page from the
 * message to two animation frames later (the chart drawn and painted); median of --runs. The message
 * is posted with window.postMessage, so its structured clone is counted as VS Code's would be. Beside it,
 * from one more render under Chromium tracing, the page's main-thread CPU time in that window: the
 * wall time also holds the wait for frames, which grows with the machine's load; the CPU time does not.
 *
 *   npx tsx scripts/bench/webviews.ts [--points 10000] [--features 100] [--runs 7]
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, newPage } from '../../test/harness/workbench';
import type { ChartsData } from '../../src/panels/chartData';
import { DECIMATION_SAMPLES } from '../../src/panels/chartDecimation';
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
 * ms from posting the message to two frames after it, in the page. The message was handed to the page
 * beforehand (`benchMessage`), so the time holds its structured clone and our handler, not playwright's
 * transfer. The page code is a string: tsx would wrap a function's inner helpers in its own `__name`,
 * which the page does not have.
 */
const TIME_RENDER = `async (ready) => {
  document.getElementById('app')?.replaceChildren();
  performance.mark('render-start');
  const t0 = performance.now();
  window.postMessage(window.benchMessage, '*');
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
  while (!document.querySelector(ready)) await frame();
  await frame();
  await frame();
  const ms = performance.now() - t0;
  performance.mark('render-end');
  return ms;
}`;

async function timeRender(page: Page, ready: string): Promise<number> {
  return Number(await page.evaluate(`(${TIME_RENDER})(${JSON.stringify(ready)})`));
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

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  tid: number;
  dur?: number;
  tdur?: number;
}

/**
 * The renderer main thread's CPU ms (thread time of its top-level tasks) in the render's window, from
 * one render under Chromium tracing. Tasks that overlap the window count whole.
 */
async function mainThreadCpu(page: Page, ready: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => events.push(...(e.value as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'] } });
  await timeRender(page, ready);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const start = events.find((e) => e.name === 'render-start');
  const end = events.find((e) => e.name === 'render-end');
  if (!start || !end) throw new Error('the trace lacks the render marks');
  const tasks = events.filter((e) => e.tid === start.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts + (e.dur ?? 0) >= start.ts && e.ts <= end.ts);
  return tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
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
      await page.evaluate((m) => Object.assign(window, { benchMessage: m }), message);
      for (let i = 0; i < RUNS + 1; i++) times.push(await timeRender(page, ready));
      const cpus: number[] = [];
      for (let i = 0; i < 3; i++) cpus.push(await mainThreadCpu(page, ready));
      const cpu = median(cpus);
      const violations = Number(await page.evaluate('window.cspViolations'));
      await page.close();
      return { ms: median(times.slice(1)), cpu, violations };
    };
    const chartMsg = chartsMessage(POINTS);
    const ours = await measure('charts', { 'charts.js': charts }, chartMsg, '.chart-card[data-points] canvas[data-last-point]');
    const peer = await measure('charts', { 'charts.js': chartsNoDecimation }, chartMsg, '.chart-card[data-points] canvas[data-last-point]');
    const rep = await measure('executionReport', { 'executionReport.js': report }, reportMessage(FEATURES), '#features details.feature');
    const cpu = (r: { cpu: number }) => `main-thread CPU ${r.cpu.toFixed(0)} ms`;
    console.log(`Headless Chromium --disable-gpu, 1280x900, median of ${RUNS} runs after a warm-up (in-page time from the message to 2 frames later);`);
    console.log('main-thread CPU: the renderer main thread\'s thread time, median of 3 more, traced, renders. Load now:', loadavg().map((l) => l.toFixed(2)).join(' '));
    console.log(`charts, ${POINTS} points, our LTTB to ${DECIMATION_SAMPLES}: ${ours.ms.toFixed(0)} ms  (target < 200 ms)  ${cpu(ours)}  CSP violations: ${ours.violations}`);
    console.log(`charts, ${POINTS} points, decimation off (peer): ${peer.ms.toFixed(0)} ms  ratio peer/ours ${(peer.ms / ours.ms).toFixed(2)}  ${cpu(peer)} (ratio ${(peer.cpu / ours.cpu).toFixed(2)})  CSP violations: ${peer.violations}`);
    console.log(`report, ${FEATURES} features:                    ${rep.ms.toFixed(0)} ms  (target < 500 ms)  ${cpu(rep)}  CSP violations: ${rep.violations}`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
