/**
 * The execution report webview: renders the extension's report model with DOM APIs only (textContent,
 * never innerHTML), so any value from a report file or from AWS is shown as text.
 */
import type { ExecutionReportModel, FeatureRow, FeatureSummary } from '../../src/panels/executionReportModel';
import { parseReportToWebview, type ReportFromWebview } from '../../src/panels/executionReportProtocol';
import { formatUtcHour, monitoringTypeLabel } from '../../src/explorer/format';

declare function acquireVsCodeApi(): { postMessage(message: ReportFromWebview): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { text?: string; className?: string; id?: string } = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  for (const child of children) node.append(child);
  return node;
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });
const fmt = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '—' : numberFormat.format(n));
const pct = (n: number | undefined): string => (n === undefined ? '—' : `${numberFormat.format(n * 100)}%`);

function table(id: string, caption: string, headers: string[], rows: { cells: string[]; className?: string }[]): HTMLTableElement {
  const t = el('table', { id });
  t.append(el('caption', { text: caption }));
  t.append(el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h })))]));
  t.append(el('tbody', {}, rows.map((r) => el('tr', { className: r.className }, r.cells.map((c) => el('td', { text: c }))))));
  return t;
}

/** "baseline → current", or the one that exists. */
function pair(baseline: string | undefined, current: string | undefined): string {
  if (baseline === undefined || baseline === '—') return current ?? '—';
  if (current === undefined || current === '—') return `${baseline} → —`;
  return baseline === current ? current : `${baseline} → ${current}`;
}

function featureTable(features: FeatureRow[]): HTMLElement {
  const stat = (f: FeatureRow, pick: (s: FeatureSummary) => number | undefined, show: (n: number | undefined) => string = fmt): string =>
    pair(f.baseline ? show(pick(f.baseline)) : undefined, f.current ? show(pick(f.current)) : undefined);
  // String features have distinct counts; an all-numeric dataset gets no empty column for them.
  const withDistinct = features.some((f) => f.baseline?.distinctCount !== undefined || f.current?.distinctCount !== undefined);
  return table(
    'features',
    'Statistics: baseline → this execution',
    ['Feature', 'Type', 'Completeness', 'Mean', 'Std dev', 'Min', 'Max', ...(withDistinct ? ['Distinct'] : [])],
    features.map((f) => ({
      cells: [
        f.name,
        pair(f.baseline?.inferredType, f.current?.inferredType),
        stat(f, (s) => s.completeness, pct),
        stat(f, (s) => s.mean),
        stat(f, (s) => s.stdDev),
        stat(f, (s) => s.min),
        stat(f, (s) => s.max),
        ...(withDistinct ? [stat(f, (s) => s.distinctCount)] : []),
      ],
      className: f.violated ? 'violated' : undefined,
    })),
  );
}

function render(report: ExecutionReportModel): void {
  const header = el('header', {}, [
    el('h1', { text: report.scheduleName }),
    el('p', {
      className: 'muted',
      text: [report.monitoringType ? monitoringTypeLabel(report.monitoringType) : undefined, report.endpointName, `scheduled ${formatUtcHour(new Date(report.scheduledTime))}`].filter(Boolean).join(' · '),
    }),
    el('p', { className: `status status-${report.status}`, text: report.status + (report.itemCount !== undefined ? ` · ${report.itemCount} records analysed` : '') }),
  ]);
  if (report.failureReason) header.append(el('p', { className: 'error', text: report.failureReason }));
  const refresh = el('button', { text: 'Refresh' });
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  const copy = el('button', { text: 'Copy report location', className: 'secondary' });
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copyUri', uri: report.reportUri }));
  header.append(el('p', { className: 'actions' }, [refresh, copy]));

  const sections: Node[] = [header];
  sections.push(
    report.violations.length
      ? table('violations', `${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}`, [report.monitoringType === 'ModelQuality' ? 'Metric' : 'Feature', 'Check', 'Description'], report.violations.map((v) => ({ cells: [v.feature, v.check, v.description] })))
      : el('p', { id: 'no-violations', text: report.status === 'Failed' ? 'No report: the execution failed.' : 'No violations.' }),
  );
  if (report.features.length) sections.push(featureTable(report.features));
  if (report.metrics.length) {
    sections.push(
      table(
        'metrics',
        'Model quality metrics',
        ['Metric', 'Value', '± std dev', 'Threshold', 'Operator'],
        report.metrics.map((m) => ({
          cells: [m.name, fmt(m.value), fmt(m.standardDeviation), fmt(m.threshold), m.operator ?? '—'],
          className: m.violated ? 'violated' : undefined,
        })),
      ),
    );
  }
  sections.push(el('p', { className: 'muted small', text: report.reportUri }));
  app.replaceChildren(...sections);
  app.setAttribute('aria-busy', 'false');
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseReportToWebview(event.data);
  if (!message) return;
  if (message.type === 'report') render(message.report);
  else {
    app.replaceChildren(el('p', { className: 'error', text: message.message }));
    app.setAttribute('aria-busy', 'false');
  }
});

vscode.postMessage({ type: 'ready' });
