/**
 * The charts webview of one endpoint: several charts, each a time range × a statistic × features (or
 * model-quality metrics), with threshold lines, violations marked, a click on a point opening that
 * execution's report, and a drift overview (features × executions). Series come from the pure shaping
 * in src/panels/chartData.ts; everything from data is drawn as text or on a canvas.
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
  type ActiveElement,
  type ChartConfiguration,
  type ChartEvent,
  type Plugin,
  type PointStyle,
} from 'chart.js';
import 'chartjs-adapter-date-fns';
import annotationPlugin, { type AnnotationOptions } from 'chartjs-plugin-annotation';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { parseChartsToWebview, type ChartsFromWebview, type ChartsRestoreState } from '../../src/panels/chartsProtocol';
import {
  RANGE_KINDS,
  STATISTIC_LABELS,
  availableNames,
  chartCsv,
  driftMatrix,
  parseChartSpec,
  shapeChart,
  type ChartPoint,
  type ChartSpec,
  type ChartsData,
  type RangeSpec,
  type ShapedChart,
} from '../../src/panels/chartData';
import { DECIMATION_SAMPLES, decimateLttb } from '../../src/panels/chartDecimation';
import { FEATURE_STATISTICS, type FeatureStatistic } from '../../src/panels/executionDigest';
import { rounded } from '../../src/panels/reportExplanations';
import { button, el, nameText, onThemeChange } from '../common/dom';
import { chartTheme, withAlpha, type ChartTheme } from '../common/theme';

// No Chart.js Decimation: our shaping hands each chart at most DECIMATION_SAMPLES points per series.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, TimeScale, Legend, Tooltip, annotationPlugin, MatrixController, MatrixElement);

interface ViewState {
  restore?: ChartsRestoreState;
  charts?: ChartSpec[];
  overviewRange?: RangeSpec;
}

/** Set only by the benchmark's build (esbuild `define`), to measure the same page without decimation (every point to Chart.js). */
declare const CHARTS_DECIMATION: boolean | undefined;
const decimation = typeof CHARTS_DECIMATION === 'boolean' ? CHARTS_DECIMATION : true;

declare function acquireVsCodeApi(): { postMessage(message: ChartsFromWebview): void; getState(): unknown; setState(state: ViewState): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

const saved = (vscode.getState() ?? {}) as ViewState;
const state: ViewState = {
  ...(saved.restore ? { restore: saved.restore } : {}),
  charts: Array.isArray(saved.charts) ? saved.charts.map(parseChartSpec).filter((c): c is ChartSpec => c !== undefined) : undefined,
  overviewRange: parseChartSpec({ id: 'o', range: saved.overviewRange, source: 'feature', statistic: 'drift', names: [] })?.range ?? { kind: 'all' },
};
let data: ChartsData | undefined;
let errors: string[] = [];
const live = new Map<string, Chart>();

function persist(): void {
  vscode.setState(state);
  vscode.postMessage({ type: 'saveCharts', charts: state.charts ?? [] });
}

const RANGE_LABELS: Record<(typeof RANGE_KINDS)[number], string> = { day: 'Last day', week: 'Last week', month: 'Last month', all: 'All', custom: 'Custom (UTC)' };

function select<T extends string>(options: readonly T[], labels: (v: T) => string, value: T, onChange: (v: T) => void, aria: string): HTMLSelectElement {
  const s = el('select', { attrs: { 'aria-label': aria } });
  for (const o of options) {
    const opt = el('option', { text: labels(o) });
    opt.value = o;
    s.append(opt);
  }
  s.value = value;
  s.addEventListener('change', () => onChange(s.value as T));
  return s;
}

/** `2026-11-24T13:00` in UTC, for a datetime-local input that we read as UTC. */
const utcInput = (t: number) => new Date(t).toISOString().slice(0, 16);

function rangeControls(range: RangeSpec, onChange: (r: RangeSpec) => void): HTMLElement {
  const box = el('span', { className: 'range' });
  const kind = select(RANGE_KINDS, (k) => RANGE_LABELS[k], range.kind, (k) => {
    if (k === 'custom') {
      const times = (data?.executions ?? []).map((e) => e.time);
      const to = times.length ? Math.max(...times) : Date.now();
      onChange({ kind: 'custom', from: `${utcInput(to - 24 * 3_600_000)}Z`, to: `${utcInput(to)}Z` });
    } else onChange({ kind: k });
  }, 'Time range');
  box.append(kind);
  if (range.kind === 'custom') {
    const from = el('input', { attrs: { type: 'datetime-local', 'aria-label': 'From (UTC)' } });
    const to = el('input', { attrs: { type: 'datetime-local', 'aria-label': 'To (UTC)' } });
    from.value = range.from.slice(0, 16);
    to.value = range.to.slice(0, 16);
    const update = () => onChange({ kind: 'custom', from: `${from.value}Z`, to: `${to.value}Z` });
    from.addEventListener('change', update);
    to.addEventListener('change', update);
    box.append(' ', from, ' – ', to, el('span', { className: 'muted', text: ' UTC' }));
  }
  return box;
}

/** Fills the canvas with the theme's background first, so an exported PNG is readable. */
function themeBackground(t: ChartTheme): Plugin {
  return {
    id: 'themeBackground',
    beforeDraw: (chart) => {
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = t.background;
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };
}

function fileName(spec: ChartSpec, ext: string): string {
  const base = `${data?.endpointName ?? 'chart'}-${spec.source === 'metric' ? 'metrics' : spec.statistic}-${spec.names.join('-')}`;
  return `${base.replace(/[^\w.-]+/g, '_').slice(0, 100)}.${ext}`;
}

function lineChart(shaped: ShapedChart, canvas: HTMLCanvasElement, card: HTMLElement, t: ChartTheme): Chart {
  const annotations: Record<string, AnnotationOptions> = {};
  shaped.lines.forEach((l, i) => {
    annotations[`line${i}`] = {
      type: 'line',
      yMin: l.value,
      yMax: l.value,
      borderColor: l.kind === 'threshold' ? t.threshold : t.muted,
      borderWidth: l.kind === 'threshold' ? 2 : 1,
      borderDash: l.kind === 'threshold' ? [6, 4] : [2, 3],
      label: { display: true, content: l.label, position: 'start', color: t.foreground, backgroundColor: withAlpha(t.background, 0.85), font: { size: 11 } },
    };
  });
  const points = shaped.series.reduce((n, s) => n + s.points.length, 0);
  card.setAttribute('data-points', String(points));
  card.setAttribute('data-violations', String(shaped.series.reduce((n, s) => n + s.points.filter((p) => p.violated).length, 0)));
  card.setAttribute('data-thresholds', String(shaped.lines.filter((l) => l.kind === 'threshold').length));
  // Sorted by time and numeric (parsing: false, normalized): Chart.js reads the points as they are.
  const drawn = shaped.series.map((s) => (decimation ? decimateLttb(s.points, DECIMATION_SAMPLES) : s.points) as ChartPoint[]);
  card.setAttribute('data-drawn', String(drawn.reduce((n, d) => n + d.length, 0)));
  // The legend is drawn on the canvas; screen readers (and tests) read which series it holds here.
  canvas.setAttribute('aria-label', `${shaped.title}. Series: ${shaped.series.map((s) => `${s.label} (${s.points.length} points)`).join('; ') || 'none'}`);
  const config: ChartConfiguration<'line', ChartPoint[]> = {
    type: 'line',
    data: {
      datasets: shaped.series.map((s, i) => {
        const color = t.series[i % t.series.length];
        const data = drawn[i];
        // Per-point arrays, not scriptable options: resolved once, not once per point per draw.
        return {
          label: s.label,
          data,
          borderColor: color,
          backgroundColor: color,
          borderWidth: t.highContrast ? 2 : 1.5,
          // Our monitors on this machine are dashed beside SageMaker's solid lines (the legend says which too).
          ...(s.placement === 'thisMachine' ? { borderDash: [6, 3] } : {}),
          pointRadius: data.map((p) => (p.violated ? 4 : 2)),
          pointBackgroundColor: data.map((p) => (p.violated ? t.violation : color)),
          pointBorderColor: data.map((p) => (p.violated ? t.violation : color)),
          pointStyle: data.map((p): PointStyle => (p.violated ? 'triangle' : 'circle')),
          pointHoverRadius: 6,
          spanGaps: false,
        };
      }),
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false, axis: 'x' },
      scales: {
        x: {
          type: 'time',
          min: shaped.from,
          max: shaped.to,
          time: { displayFormats: { hour: 'MM-dd HH:mm', day: 'MM-dd' } },
          adapters: { date: {} },
          ticks: { color: t.muted, maxRotation: 0, minRotation: 0, autoSkip: true },
          grid: { color: t.grid },
          border: { color: t.border },
          title: { display: true, text: 'Scheduled time (local)', color: t.muted },
        },
        y: { ticks: { color: t.muted }, grid: { color: t.grid }, border: { color: t.border }, title: { display: true, text: shaped.yLabel, color: t.muted } },
      },
      plugins: {
        legend: { labels: { color: t.foreground } },
        annotation: { annotations },
        tooltip: {
          backgroundColor: t.tooltipBackground,
          titleColor: t.foreground,
          bodyColor: t.foreground,
          footerColor: t.muted,
          borderColor: t.border,
          borderWidth: 1,
          callbacks: {
            label: (ctx) => {
              const p = ctx.raw as ChartPoint;
              return `${ctx.dataset.label ?? ''}: ${rounded(p.y)} (${p.y})${p.violated ? ' · violation' : ''}`;
            },
            title: (items) => {
              const p = items[0]?.raw as ChartPoint | undefined;
              return p ? `${new Date(p.x).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
            },
            footer: () => 'Click to open the report',
          },
        },
      },
      onClick: (_event: ChartEvent, elements: ActiveElement[], chart: Chart) => {
        const hit = elements[0];
        if (!hit) return;
        const p = chart.data.datasets[hit.datasetIndex]?.data[hit.index] as ChartPoint | undefined;
        if (p) vscode.postMessage({ type: 'openReport', scheduleName: p.scheduleName, time: p.x, ...(p.runsOn ? { runsOn: p.runsOn } : {}) });
      },
    },
    plugins: [themeBackground(t)],
  };
  const chart = new Chart(canvas, config);
  // Where the newest point is drawn, for keyboardless tests and a11y tools that click it.
  const meta = chart.getDatasetMeta(0);
  const last = meta.data[meta.data.length - 1];
  if (last) canvas.setAttribute('data-last-point', `${Math.round(last.x)},${Math.round(last.y)}`);
  return chart;
}

function chartCard(spec: ChartSpec, index: number, d: ChartsData, t: ChartTheme, now: number): HTMLElement {
  const shaped = shapeChart(spec, d, now);
  const card = el('section', { className: 'chart-card', attrs: { 'data-chart-id': spec.id } });
  const names = availableNames(d);
  const update = (next: Partial<ChartSpec>) => {
    state.charts = (state.charts ?? []).map((c) => (c.id === spec.id ? { ...c, ...next } : c));
    persist();
    render();
  };
  const source = select(['feature', 'metric'] as const, (v) => (v === 'feature' ? 'Feature statistic' : 'Model quality'), spec.source, (v) => {
    const pool = v === 'feature' ? names.features : names.metrics;
    update({ source: v, names: pool.slice(0, 1) });
  }, 'What to chart');
  const controls = el('div', { className: 'toolbar' }, [rangeControls(spec.range, (range) => update({ range })), source]);
  if (spec.source === 'feature') {
    controls.append(select(FEATURE_STATISTICS, (s: FeatureStatistic) => STATISTIC_LABELS[s], spec.statistic, (statistic) => update({ statistic }), 'Statistic'));
  }
  const pool = spec.source === 'feature' ? names.features : names.metrics;
  const multi = el('select', { className: 'names', attrs: { multiple: '', 'aria-label': spec.source === 'feature' ? 'Features' : 'Metrics', size: String(Math.min(4, Math.max(2, pool.length))) } });
  for (const n of pool) {
    const opt = el('option', { text: n.length > 60 ? `${n.slice(0, 59)}…` : n, title: n });
    opt.value = n;
    opt.selected = spec.names.includes(n);
    multi.append(opt);
  }
  multi.addEventListener('change', () => update({ names: [...multi.selectedOptions].map((o) => o.value) }));
  controls.append(multi);
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': `Chart ${index + 1}` } });
  const actions = el('div', { className: 'toolbar' }, [
    button('CSV', () => {
      vscode.postMessage({ type: 'exportCsv', fileName: fileName(spec, 'csv'), csv: chartCsv(shaped, spec.source === 'metric' ? 'metric' : spec.statistic) });
    }, { secondary: true, title: "Save this chart's series as CSV" }),
    button('PNG', () => vscode.postMessage({ type: 'exportPng', fileName: fileName(spec, 'png'), dataUrl: canvas.toDataURL('image/png') }), { secondary: true, title: 'Save this chart as a PNG image' }),
    button('Remove', () => {
      state.charts = (state.charts ?? []).filter((c) => c.id !== spec.id);
      persist();
      render();
    }, { secondary: true }),
  ]);
  const title = el('h2', {}, [nameText(shaped.title, 'title')]);
  card.append(title, controls, el('div', { className: 'chart-box tall' }, [canvas]), actions);
  queueMicrotask(() => live.set(spec.id, lineChart(shaped, canvas, card, t)));
  return card;
}

/** A drift overview row's tick text: long names (a feature with its placement) end in an ellipsis. */
function shortLabel(text: string): string {
  return text.length > 28 ? `${text.slice(0, 27)}…` : text;
}

function matrixColor(ratio: number, t: ChartTheme): string {
  if (ratio >= 1) return withAlpha(t.threshold, Math.min(1, 0.55 + (ratio - 1) * 0.2));
  if (ratio >= 0.5) return withAlpha(t.series[4], 0.25 + ratio * 0.5);
  return withAlpha(t.series[2], 0.15 + ratio * 0.6);
}

function overview(d: ChartsData, t: ChartTheme, now: number): HTMLElement | undefined {
  const range = state.overviewRange ?? { kind: 'all' };
  const m = driftMatrix(d, range, now);
  if (!m.features.length) return undefined;
  const section = el('section', { id: 'drift-overview', className: 'chart-card', attrs: { 'data-features': String(m.features.length), 'data-executions': String(m.times.length) } });
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': 'Drift overview: features by execution, coloured by drift distance over threshold' } });
  const box = el('div', { className: 'chart-box' }, [canvas]);
  box.setAttribute('data-rows', String(m.features.length));
  section.append(
    el('h2', { text: 'Drift overview' }),
    el('p', { className: 'muted small', text: 'Each cell: one execution of one feature, coloured by drift distance ÷ threshold (red: drift). Click a cell to open its report.' }),
    el('div', { className: 'toolbar' }, [rangeControls(range, (r) => {
      state.overviewRange = r;
      vscode.setState(state);
      render();
    })]),
    box,
  );
  canvas.height = 40 + m.features.length * 26;
  box.classList.add(m.features.length > 8 ? 'tall' : 'medium');
  queueMicrotask(() => {
    const step = m.times.length > 1 ? (m.times[m.times.length - 1] - m.times[0]) / (m.times.length - 1) : 3_600_000;
    const chart = new Chart(canvas, {
      type: 'matrix',
      data: {
        datasets: [
          {
            label: 'drift / threshold',
            data: m.cells.map((c) => ({ x: c.x, y: c.y, v: c.ratio, d: c.distance })),
            backgroundColor: (ctx: { raw: unknown }) => matrixColor((ctx.raw as { v?: number } | undefined)?.v ?? 0, t),
            borderWidth: 0,
            width: ({ chart: c }) => Math.max(1, ((c.chartArea?.width ?? 0) / Math.max(1, m.times.length)) - 1),
            height: ({ chart: c }) => Math.max(1, ((c.chartArea?.height ?? 0) / m.features.length) - 2),
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'time', offset: true, min: m.times[0] - step / 2, max: m.times[m.times.length - 1] + step / 2, ticks: { color: t.muted, maxRotation: 0 }, grid: { display: false } },
          // Cells name their row in full; only the tick text is shortened (a shortened category would be a row of its own).
          y: {
            type: 'category',
            labels: m.features,
            offset: true,
            ticks: { color: t.foreground, callback: (value) => shortLabel(m.features[Number(value)] ?? '') },
            grid: { display: false },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => {
                const raw = items[0]?.raw as { x: number; y: string } | undefined;
                return raw ? `${raw.y} · ${new Date(raw.x).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
              },
              label: (item) => {
                const raw = item.raw as { v: number; d: number };
                return `distance ${rounded(raw.d)} = ${rounded(raw.v * 100)}% of threshold`;
              },
            },
          },
        },
        onClick: (_e, elements) => {
          const hit = elements[0];
          const cell = hit ? m.cells[hit.index] : undefined;
          const e = cell ? d.executions.find((x) => x.time === cell.x && x.runsOn === cell.runsOn && x.features.length) : undefined;
          if (e) vscode.postMessage({ type: 'openReport', scheduleName: e.scheduleName, time: e.time, ...(e.runsOn ? { runsOn: e.runsOn } : {}) });
        },
      },
      plugins: [themeBackground(t)],
    });
    live.set('overview', chart as unknown as Chart);
  });
  return section;
}

let nextId = 1;
function newChartId(): string {
  const ids = new Set((state.charts ?? []).map((c) => c.id));
  while (ids.has(`chart-${nextId}`)) nextId++;
  return `chart-${nextId}`;
}

function render(): void {
  for (const c of live.values()) c.destroy();
  live.clear();
  const d = data;
  if (!d) return;
  // Read once per render (a theme change renders again): each read of the variables costs a style pass.
  const t = chartTheme();
  Chart.defaults.font.family = t.font;
  Chart.defaults.color = t.foreground;
  const now = Date.now();
  const times = d.executions.map((e) => e.time);
  const header = el('header', {}, [
    el('h1', {}, [el('span', { text: 'Charts: ' }), nameText(d.endpointName, 'title')]),
    el('p', {
      className: 'muted',
      id: 'charts-meta',
      text: times.length
        ? `${d.executions.length} executions from ${new Date(Math.min(...times)).toISOString().slice(0, 16).replace('T', ' ')} to ${new Date(Math.max(...times)).toISOString().slice(0, 16).replace('T', ' ')} UTC, read from their own reports.`
        : 'No executions yet.',
    }),
    el('p', { className: 'actions' }, [
      button('Add chart', () => {
        const names = availableNames(d);
        state.charts = [...(state.charts ?? []), { id: newChartId(), range: { kind: 'all' }, source: 'feature', statistic: 'drift', names: names.features.slice(0, 1) }];
        persist();
        render();
      }, { id: 'add-chart' }),
      button('Refresh', () => vscode.postMessage({ type: 'refresh' }), { secondary: true }),
    ]),
  ]);
  if (errors.length) header.append(el('p', { className: 'error', text: `${errors.length} report(s) could not be read; the first: ${errors[0]}` }));
  const cards = (state.charts ?? []).map((spec, i) => chartCard(spec, i, d, t, now));
  const o = overview(d, t, now);
  app.replaceChildren(header, ...(o ? [o] : []), el('div', { id: 'charts' }, cards));
  app.setAttribute('aria-busy', 'false');
}

onThemeChange(render);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseChartsToWebview(event.data);
  if (!message) return;
  if (message.type === 'loading') {
    if (!data) app.replaceChildren(el('p', { className: 'muted', text: `Reading ${message.total} executions of ${message.endpointName}…` }));
    return;
  }
  if (message.type === 'error') {
    app.replaceChildren(el('p', { className: 'error', text: message.message }));
    app.setAttribute('aria-busy', 'false');
    return;
  }
  data = message.data;
  errors = message.errors;
  state.restore = message.restore;
  if (!state.charts?.length) state.charts = message.charts;
  vscode.setState(state);
  render();
});

vscode.postMessage({ type: 'ready' });
