/**
 * The execution report webview: renders the extension's report model with DOM APIs only (textContent,
 * never innerHTML), so any value from a report file or from AWS is shown as text. Charts are Chart.js
 * canvases coloured from the theme. What the user opened, sorted and filtered survives hide/show and
 * reload through getState/setState.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import type { ExecutionReportModel, FeatureRow, FeatureSummary, ViolationRow } from '../../src/panels/executionReportModel';
import { parseReportToWebview, type ReportFileKind, type ReportFromWebview, type ReportPanelState } from '../../src/panels/executionReportProtocol';
import { VIOLATION_SORT_KEYS, viewViolations, type ViolationSortKey, type ViolationView } from '../../src/panels/violationTable';
import { rounded, roundedPercent } from '../../src/panels/reportExplanations';
import { formatUtcHour, monitoringTypeLabel } from '../../src/explorer/format';
import { el, nameText, onThemeChange } from '../common/dom';
import { singleSelect, textField, vscodeButton } from '../common/controls';
import { chartTheme, withAlpha } from '../common/theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

interface ViewState {
  open: string[];
  view: ViolationView;
  /** For the extension's serializer: which report to reopen after a reload. */
  restore?: ReportPanelState;
}

declare function acquireVsCodeApi(): { postMessage(message: ReportFromWebview): void; getState(): unknown; setState(state: ViewState): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

function restoredState(): ViewState {
  const s = vscode.getState() as Partial<ViewState> | undefined;
  const v = s?.view;
  return {
    ...(s?.restore ? { restore: s.restore } : {}),
    open: Array.isArray(s?.open) ? s.open.filter((x): x is string => typeof x === 'string') : [],
    view: {
      filter: typeof v?.filter === 'string' ? v.filter : '',
      sort: VIOLATION_SORT_KEYS.find((k) => k === v?.sort) ?? 'excess',
      descending: typeof v?.descending === 'boolean' ? v.descending : true,
    },
  };
}

const state = restoredState();
const save = () => vscode.setState(state);
let report: ExecutionReportModel | undefined;
const charts: Chart[] = [];

/** Full digits (SageMaker's and Java's) as text; shown beside the rounded reading. */
const full = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '—' : String(n));
const short = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '—' : rounded(n));
const pct = (n: number | undefined): string => (n === undefined ? '—' : roundedPercent(n));

function table(id: string, caption: string | undefined, headers: (string | Node)[], rows: { cells: (string | Node)[]; className?: string }[]): HTMLTableElement {
  const t = el('table', { id });
  if (caption) t.append(el('caption', { text: caption }));
  t.append(el('thead', {}, [el('tr', {}, headers.map((h) => el('th', {}, [h])))]));
  t.append(el('tbody', {}, rows.map((r) => el('tr', { className: r.className }, r.cells.map((c) => el('td', {}, [c]))))));
  return t;
}

function header(r: ExecutionReportModel): HTMLElement {
  const meta = [
    r.monitoringType ? monitoringTypeLabel(r.monitoringType) : undefined,
    r.endpointName,
    `scheduled ${formatUtcHour(new Date(r.scheduledTime))}`,
    r.analysisWindow ? `analysed ${formatUtcHour(new Date(r.analysisWindow.start))} – ${formatUtcHour(new Date(r.analysisWindow.end))}` : undefined,
  ].filter((x): x is string => Boolean(x));
  const h = el('header', {}, [
    el('h1', {}, [nameText(r.scheduleName, 'title')]),
    el('p', { className: 'muted', id: 'meta' }, meta.flatMap((m, i) => (i ? [' · ', el('bdi', { text: m })] : [el('bdi', { text: m })]))),
    el('p', { className: `status status-${r.status}`, id: 'status', text: r.status + (r.itemCount !== undefined ? ` · ${r.itemCount} records analysed` : '') }),
    el('p', { id: 'summary', className: 'summary', text: r.summary }),
  ]);
  if (r.failureReason) h.append(el('p', { className: 'error', id: 'failure-reason' }, [el('bdi', { text: r.failureReason })]));
  if (r.failureAdvice) h.append(el('p', { className: 'advice', id: 'failure-advice', text: r.failureAdvice }));
  const actions = el('p', { className: 'actions' }, [vscodeButton('Refresh', () => vscode.postMessage({ type: 'refresh' }))]);
  const files: [ReportFileKind, string][] = [
    ['statistics', 'statistics.json'],
    ['constraints', 'constraints.json'],
    ['violations', 'constraint_violations.json'],
  ];
  for (const [kind, name] of files) {
    if (r.files[kind]) actions.append(vscodeButton(name, () => vscode.postMessage({ type: 'openFile', file: kind }), { secondary: true, id: `open-${kind}`, title: `Open ${r.files[kind]}` }));
  }
  actions.append(vscodeButton('Charts', () => vscode.postMessage({ type: 'openCharts' }), { secondary: true, id: 'open-charts', title: "Chart this endpoint's executions over time" }));
  actions.append(vscodeButton('Copy report location', () => vscode.postMessage({ type: 'copyUri', uri: r.reportUri }), { secondary: true }));
  h.append(actions);
  return h;
}

const SORT_LABELS: Record<ViolationSortKey, string> = { feature: 'Feature', check: 'Check', observed: 'Observed', excess: 'Our reading (past threshold)' };

function violationsSection(r: ExecutionReportModel): HTMLElement {
  const section = el('section', { id: 'violations-section' });
  if (!r.violations.length) {
    section.append(el('p', { id: 'no-violations', text: r.status === 'Failed' ? 'No report: the execution failed.' : 'No violations.' }));
    return section;
  }
  const filter = textField('search', state.view.filter, { id: 'violation-filter', placeholder: 'Filter violations (feature, check, text)', 'aria-label': 'Filter violations' });
  const holder = el('div');
  const nameHeader = r.monitoringType === 'ModelQuality' ? 'Metric' : 'Feature';
  const labels: Record<ViolationSortKey, string> = { ...SORT_LABELS, feature: nameHeader };
  const direction = vscodeButton('', () => {
    state.view = { ...state.view, descending: !state.view.descending };
    save();
    draw();
  }, { secondary: true, id: 'sort-direction' });
  const sortBy = singleSelect(VIOLATION_SORT_KEYS, (k) => `Sort by ${labels[k].toLowerCase()}`, state.view.sort, (sort) => {
    // Numbers read largest first; names A to Z.
    state.view = { ...state.view, sort, descending: sort === 'excess' || sort === 'observed' };
    save();
    draw();
  }, 'Sort violations by', 'sort-by');
  sortBy.id = 'violation-sort';
  const draw = () => {
    const rows = viewViolations(r.violations, state.view);
    direction.textContent = state.view.descending ? 'Descending ▼' : 'Ascending ▲';
    direction.setAttribute('aria-label', `Sort order: ${state.view.descending ? 'descending' : 'ascending'}; press to reverse`);
    const header = (key: ViolationSortKey | undefined, label: string) => {
      const th = el('span', { text: key && state.view.sort === key ? `${label} ${state.view.descending ? '▼' : '▲'}` : label });
      if (key) th.setAttribute('data-sort', key);
      return th;
    };
    const t = table(
      'violations',
      `${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}${rows.length !== r.violations.length ? ` (${rows.length} shown)` : ''}`,
      [header('feature', nameHeader), header('check', SORT_LABELS.check), header('observed', SORT_LABELS.observed), 'Threshold', header('excess', 'Our reading'), 'Description (SageMaker)'],
      rows.map((v) => ({ cells: violationCells(v) })),
    );
    const sortedColumn = t.querySelector(`thead [data-sort="${state.view.sort}"]`)?.parentElement;
    sortedColumn?.setAttribute('aria-sort', state.view.descending ? 'descending' : 'ascending');
    holder.replaceChildren(t);
  };
  filter.addEventListener('input', () => {
    state.view = { ...state.view, filter: filter.value };
    save();
    draw();
  });
  draw();
  section.append(el('div', { className: 'toolbar' }, [filter, sortBy, direction]), holder);
  return section;
}

function violationCells(v: ViolationRow): (string | Node)[] {
  const show = v.unit === 'share' ? pct : short;
  const reading = el('div', { className: 'reading' });
  if (v.explanation) reading.append(el('div', { className: 'explanation', text: v.explanation }));
  reading.append(el('div', { className: 'meaning muted', text: v.meaning }));
  if (v.likelyCause) reading.append(el('div', { className: 'cause', text: v.likelyCause }));
  return [
    nameText(v.feature),
    el('code', { text: v.check }),
    el('span', { text: show(v.observed), title: full(v.observed) }),
    el('span', { text: show(v.threshold), title: full(v.threshold) }),
    reading,
    el('bdi', { className: 'description', text: v.description }),
  ];
}

function findingsSection(r: ExecutionReportModel): HTMLElement | undefined {
  if (!r.findings.length) return undefined;
  return el('section', { id: 'findings' }, [
    el('h2', { text: 'Our findings' }),
    el('p', { className: 'muted small', text: "What the baseline says that SageMaker's checks do not look at. These are ours, not SageMaker's violations." }),
    el('ul', {}, r.findings.map((f) => el('li', { attrs: { 'data-kind': f.kind } }, [nameText(f.feature), ': ', el('span', { text: f.text })]))),
  ]);
}

type StatKey = 'completeness' | 'numMissing' | 'mean' | 'sum' | 'stdDev' | 'min' | 'max' | 'distinctCount';
const STATS: [StatKey, string][] = [
  ['completeness', 'Completeness'],
  ['numMissing', 'Missing'],
  ['mean', 'Mean'],
  ['sum', 'Sum'],
  ['stdDev', 'Std dev'],
  ['min', 'Min'],
  ['max', 'Max'],
  ['distinctCount', 'Distinct'],
];

function difference(b: number | undefined, c: number | undefined, key: StatKey): string {
  if (b === undefined || c === undefined) return '—';
  const d = c - b;
  if (key === 'completeness') return `${d >= 0 ? '+' : ''}${rounded(d * 100)} pts`;
  const rel = b !== 0 ? ` (${d >= 0 ? '+' : ''}${rounded((d / Math.abs(b)) * 100)}%)` : '';
  return `${d >= 0 ? '+' : ''}${rounded(d)}${rel}`;
}

function statsTable(f: FeatureRow): HTMLTableElement {
  const value = (s: FeatureSummary | undefined, key: StatKey) => (s ? s[key] : undefined);
  const rows = STATS.filter(([key]) => value(f.baseline, key) !== undefined || value(f.current, key) !== undefined).map(([key, label]) => {
    const b = value(f.baseline, key);
    const c = value(f.current, key);
    const show = key === 'completeness' ? pct : short;
    return { cells: [label, el('span', { text: show(b), title: full(b) }), el('span', { text: show(c), title: full(c) }), difference(b, c, key)] };
  });
  rows.unshift({ cells: ['Type', f.baseline?.inferredType ?? '—', f.current?.inferredType ?? '—', f.baseline && f.current && f.baseline.inferredType !== f.current.inferredType ? 'changed' : ''] });
  return table('', undefined, ['', 'Baseline', 'This window', 'Difference'], rows);
}

function driftLine(f: FeatureRow): HTMLElement | undefined {
  const d = f.drift;
  if (!d) return undefined;
  const robustChi = d.method.includes('ChiSquared') && d.method.includes('Robust');
  const op = robustChi ? (d.exceeded ? '<' : '≥') : d.exceeded ? '>' : '≤';
  return el('p', { className: `drift ${d.exceeded ? 'exceeded' : ''}`, attrs: { 'data-source': d.source } }, [
    el('strong', { text: `Drift distance ${rounded(d.distance)} ${op} threshold ${rounded(d.threshold)}` }),
    el('span', { className: 'muted', text: ` · ${d.method} · ${d.source === 'sagemaker' ? `SageMaker's value ${full(d.distance)}` : `computed by us from the two sketches: ${full(d.distance)}`}` }),
  ]);
}

function overlayChart(f: FeatureRow, canvas: HTMLCanvasElement): void {
  const o = f.overlay;
  if (!o) return;
  const t = chartTheme();
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: o.labels,
      datasets: [
        { label: `Baseline (${o.baselineCount} records)`, data: o.baseline, backgroundColor: withAlpha(t.baseline, 0.55), borderColor: t.baseline, borderWidth: 1, grouped: false, barPercentage: 0.95, categoryPercentage: 0.95 },
        { label: `This window (${o.currentCount} records)`, data: o.current, backgroundColor: withAlpha(t.current, 0.55), borderColor: t.current, borderWidth: 1, grouped: false, barPercentage: 0.6, categoryPercentage: 0.95 },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      color: t.foreground,
      font: { family: t.font },
      scales: {
        x: { ticks: { color: t.muted, maxRotation: 45, autoSkip: true }, grid: { color: t.grid }, title: { display: true, text: o.kind === 'categories' ? 'Value' : o.kind === 'values' ? 'Value' : 'Range', color: t.muted } },
        y: { ticks: { color: t.muted, callback: (v) => `${rounded(Number(v) * 100)}%` }, grid: { color: t.grid }, title: { display: true, text: 'Share of records', color: t.muted }, beginAtZero: true },
      },
      plugins: {
        legend: { labels: { color: t.foreground } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${roundedPercent(Number(ctx.raw))}` } },
      },
    },
  };
  charts.push(new Chart(canvas, config));
}

function featureDetails(f: FeatureRow): HTMLDetailsElement {
  const d = el('details', { className: `feature ${f.violated ? 'violated' : ''}`, attrs: { 'data-feature': f.name } });
  const badges: Node[] = [];
  if (f.drift) badges.push(el('span', { className: `badge ${f.drift.exceeded ? 'bad' : ''}`, text: `drift ${rounded(f.drift.distance)} / ${rounded(f.drift.threshold)}` }));
  for (const c of f.checks) badges.push(el('span', { className: 'badge bad', text: c }));
  d.append(el('summary', {}, [nameText(f.name), ' ', el('span', { className: 'muted', text: f.current?.inferredType ?? f.baseline?.inferredType ?? '' }), ' ', ...badges]));
  let filled = false;
  const fill = () => {
    if (filled) return;
    filled = true;
    const body = el('div', { className: 'feature-body' }, [statsTable(f)]);
    const drift = driftLine(f);
    if (drift) body.append(drift);
    if (f.overlay) {
      const canvas = el('canvas', { className: 'overlay', attrs: { role: 'img', 'aria-label': `Baseline and current distributions of ${f.name}` } });
      body.append(el('div', { className: 'chart-box' }, [canvas]));
      d.append(body);
      overlayChart(f, canvas);
      return;
    }
    body.append(el('p', { className: 'muted small', text: 'No distribution to overlay: one side has no sketch or value counts.' }));
    d.append(body);
  };
  d.addEventListener('toggle', () => {
    state.open = d.open ? [...new Set([...state.open, f.name])] : state.open.filter((n) => n !== f.name);
    save();
    if (d.open) fill();
  });
  if (state.open.includes(f.name)) {
    d.open = true;
    // The chart needs the element in the document to size itself.
    queueMicrotask(fill);
  }
  return d;
}

function featuresSection(r: ExecutionReportModel): HTMLElement | undefined {
  if (!r.features.length) return undefined;
  // Violating features first, then by drift distance relative to its threshold.
  const order = [...r.features].sort((a, b) => Number(b.violated) - Number(a.violated) || (b.drift ? b.drift.distance / (b.drift.threshold || 1) : -1) - (a.drift ? a.drift.distance / (a.drift.threshold || 1) : -1));
  return el('section', { id: 'features' }, [el('h2', { text: 'Features: baseline and this window' }), ...order.map(featureDetails)]);
}

function metricsSection(r: ExecutionReportModel): HTMLElement | undefined {
  if (!r.metrics.length) return undefined;
  const section = el('section', { id: 'model-quality' }, [
    table(
      'metrics',
      'Model quality metrics',
      ['Metric', 'Value', '± std dev', 'Threshold', 'Violated when', 'Result'],
      r.metrics.map((m) => ({
        cells: [
          nameText(m.name),
          el('span', { text: short(m.value), title: full(m.value) }),
          short(m.standardDeviation),
          el('span', { text: short(m.threshold), title: full(m.threshold) }),
          m.operator ?? '—',
          m.threshold === undefined ? 'no threshold' : m.violated ? 'violated' : 'ok',
        ],
        className: m.violated ? 'violated' : undefined,
      })),
    ),
  ]);
  if (r.confusionMatrix) {
    const { labels, counts } = r.confusionMatrix;
    section.append(
      table(
        'confusion-matrix',
        'Confusion matrix (rows: actual, columns: predicted)',
        ['', ...labels.map((l) => nameText(l))],
        counts.map((row, i) => ({ cells: [nameText(labels[i]), ...row.map((c) => String(c))] })),
      ),
    );
  }
  const curves: [string, string, string, string, { x: number[]; y: number[] } | undefined][] = [
    ['roc', 'ROC curve', 'False positive rate', 'True positive rate', r.roc],
    ['pr', 'Precision–recall curve', 'Recall', 'Precision', r.precisionRecall],
  ];
  for (const [id, title, xLabel, yLabel, c] of curves) {
    if (!c) continue;
    const canvas = el('canvas', { id: `curve-${id}`, attrs: { role: 'img', 'aria-label': title } });
    section.append(el('h3', { text: title }), el('div', { className: 'chart-box square' }, [canvas]));
    queueMicrotask(() => {
      const t = chartTheme();
      charts.push(
        new Chart(canvas, {
          type: 'line',
          data: { datasets: [{ label: title, data: c.x.map((x, i) => ({ x, y: c.y[i] })), borderColor: t.series[0], pointRadius: 0, borderWidth: 2 }] },
          options: {
            animation: false,
            maintainAspectRatio: false,
            parsing: false,
            scales: {
              x: { type: 'linear', min: 0, max: 1, title: { display: true, text: xLabel, color: t.muted }, ticks: { color: t.muted }, grid: { color: t.grid } },
              y: { min: 0, max: 1, title: { display: true, text: yLabel, color: t.muted }, ticks: { color: t.muted }, grid: { color: t.grid } },
            },
            plugins: { legend: { display: false } },
          },
        }),
      );
    });
  }
  return section;
}

function render(r: ExecutionReportModel): void {
  for (const c of charts.splice(0)) c.destroy();
  const sections = [header(r), violationsSection(r), findingsSection(r), featuresSection(r), metricsSection(r), el('p', { className: 'muted small', id: 'report-uri' }, [el('bdi', { text: r.reportUri })])];
  app.replaceChildren(...sections.filter((s): s is HTMLElement => s !== undefined));
  app.setAttribute('aria-busy', 'false');
}

onThemeChange(() => {
  if (report) render(report);
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseReportToWebview(event.data);
  if (!message) return;
  if (message.type === 'report') {
    report = message.report;
    state.restore = message.restore;
    save();
    render(message.report);
  } else if (message.type === 'restore') {
    state.restore = message.restore;
    save();
  } else {
    app.replaceChildren(el('p', { className: 'error', text: message.message }));
    app.setAttribute('aria-busy', 'false');
  }
});

vscode.postMessage({ type: 'ready' });
