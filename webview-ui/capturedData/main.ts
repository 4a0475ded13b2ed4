/**
 * The captured-data webview: a page of captured requests as a table (time, inference id, input,
 * output, file:line), rendered with DOM APIs only (textContent, never innerHTML), so every captured
 * value is shown as text. Its state (window and page) is kept with setState for reloads.
 */
import type { CapturedRow } from '../../src/panels/capturedDataModel';
import { parseCapturedToWebview, type CapturedDataPage, type CapturedDataState, type CapturedFromWebview } from '../../src/panels/capturedDataProtocol';

declare function acquireVsCodeApi(): { postMessage(message: CapturedFromWebview): void; setState(state: CapturedDataState): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { text?: string; className?: string; id?: string; title?: string } = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  if (props.title) node.title = props.title;
  for (const child of children) node.append(child);
  return node;
}

function button(text: string, onClick: () => void, options: { secondary?: boolean; disabled?: boolean; id?: string; title?: string } = {}): HTMLButtonElement {
  const b = el('button', { text, className: options.secondary ? 'secondary' : undefined, id: options.id, title: options.title });
  b.disabled = options.disabled ?? false;
  b.addEventListener('click', onClick);
  return b;
}

const utc = (iso: string): string => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

function header(state: CapturedDataState, status: string): HTMLElement {
  return el('header', {}, [
    el('h1', { text: `Captured data: ${state.endpointName}` }),
    el('p', { className: 'muted', id: 'window', text: `${utc(state.start)} → ${utc(state.end)} · ${state.destinationS3Uri}` }),
    el('p', { className: 'actions' }, [button('Change window…', () => vscode.postMessage({ type: 'changeWindow' }), { secondary: true, id: 'change-window' })]),
    el('p', { className: 'muted', id: 'status', text: status }),
  ]);
}

function rowOf(r: CapturedRow): HTMLTableRowElement {
  const open = el('button', { text: `${r.file}:${r.line}`, className: 'link', title: `Open ${r.uri} at line ${r.line}` });
  open.addEventListener('click', () => vscode.postMessage({ type: 'openRaw', uri: r.uri, line: r.line }));
  if (r.problem !== undefined) {
    const problem = el('td', { className: 'payload' }, [el('div', { className: 'error', text: r.problem }), el('div', { className: 'muted', text: r.input })]);
    problem.colSpan = 3;
    return el('tr', { className: 'malformed' }, [el('td', { text: 'malformed', className: 'error' }), problem, el('td', {}, [open])]);
  }
  return el('tr', {}, [el('td', { text: utc(r.time), className: 'nowrap' }), el('td', { text: r.inferenceId }), el('td', { text: r.input, className: 'payload' }), el('td', { text: r.output, className: 'payload' }), el('td', {}, [open])]);
}

function renderPage(state: CapturedDataState, page: CapturedDataPage): void {
  const first = page.offset + 1;
  const last = page.offset + page.rows.length;
  const malformed = page.rows.filter((r) => r.problem !== undefined).length;
  const total = page.complete ? `of ${page.read}` : `of ${page.read}+`;
  const status =
    page.rows.length === 0
      ? 'No captured data in this window.'
      : `Lines ${first}–${last} ${total}${malformed ? ` · ${malformed} malformed on this page` : ''}`;
  const sections: Node[] = [header(state, status)];
  if (page.rows.length > 0) {
    const table = el('table', { id: 'captured' });
    table.append(el('thead', {}, [el('tr', {}, ['Time', 'Inference ID', 'Input', 'Output', 'File:line'].map((h) => el('th', { text: h })))]));
    table.append(el('tbody', {}, page.rows.map(rowOf)));
    sections.push(table);
    sections.push(
      el('p', { className: 'actions', id: 'pager' }, [
        button('‹ Previous', () => vscode.postMessage({ type: 'page', index: page.index - 1 }), { secondary: true, disabled: page.index === 0, id: 'previous' }),
        el('span', { className: 'muted', text: `Page ${page.index + 1}` }),
        button('Next ›', () => vscode.postMessage({ type: 'page', index: page.index + 1 }), { secondary: true, disabled: !page.hasNext, id: 'next' }),
      ]),
    );
  }
  app.replaceChildren(...sections);
  app.setAttribute('aria-busy', 'false');
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseCapturedToWebview(event.data);
  if (!message) return;
  vscode.setState(message.state);
  if (message.type === 'page') renderPage(message.state, message.page);
  else if (message.type === 'loading') {
    app.setAttribute('aria-busy', 'true');
    const status = document.getElementById('status');
    if (status) status.textContent = 'Reading captured data…';
    else app.replaceChildren(header(message.state, 'Reading captured data…'));
  } else {
    app.replaceChildren(header(message.state, ''), el('p', { className: 'error', id: 'error', text: message.message }));
    app.setAttribute('aria-busy', 'false');
  }
});

vscode.postMessage({ type: 'ready' });
