/**
 * DOM helpers of our webviews: every value from data goes in as text (textContent, attributes set one
 * by one), never as HTML. Names are isolated for bidirectional text and truncated with the full name
 * in a tooltip, so a 5,000-character or right-to-left feature name cannot push or reverse the layout.
 */

type Props = { text?: string; className?: string; id?: string; title?: string; attrs?: Record<string, string> };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  if (props.title !== undefined) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

/** Names longer than this are cut in the text; the tooltip keeps all of it. */
const MAX_NAME_CHARS = 80;

/** A name from data: isolated (`<bdi>`), cut to a readable length, the whole of it in the tooltip. */
export function nameText(name: string, className = 'name'): HTMLElement {
  const shown = name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS - 1)}…` : name;
  return el('bdi', { text: shown, className, title: name });
}

export function button(text: string, onClick: () => void, options: { secondary?: boolean; id?: string; title?: string } = {}): HTMLButtonElement {
  const b = el('button', { text, className: options.secondary ? 'secondary' : undefined, id: options.id, title: options.title });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** Calls `redraw` when VS Code switches the colour theme (it changes the body's class). */
export function onThemeChange(redraw: () => void): void {
  let last = document.body.className;
  new MutationObserver(() => {
    if (document.body.className === last) return;
    last = document.body.className;
    redraw();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
