/**
 * The report's and the charts' controls, as @vscode-elements (the design's controls, as in the
 * schedule wizard): they take the theme's colours, high contrast included, and keyboard behaviour from
 * VS Code. Their styles are constructed stylesheets (Lit), which the CSP allows; labels and option
 * texts from data go in as text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';

/** The properties of the @vscode-elements controls we use. */
export type SingleSelectElement = HTMLElement & { value: string };
export type MultiSelectElement = HTMLElement & { value: string[] };
export type TextFieldElement = HTMLElement & { value: string; type: string };
type OptionElement = HTMLElement & { value: string; selected: boolean; description: string };

function custom<T extends HTMLElement>(tag: string, attributes: Record<string, string | undefined> = {}): T {
  const node = document.createElement(tag) as T;
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) node.setAttribute(k, v);
  return node;
}

/** Option labels longer than this are cut; the full text is the option's description (shown when it is active). */
const MAX_OPTION_CHARS = 60;

function option(value: string, label: string, selected: boolean): OptionElement {
  const o = custom<OptionElement>('vscode-option');
  o.value = value;
  o.textContent = label.length > MAX_OPTION_CHARS ? `${label.slice(0, MAX_OPTION_CHARS - 1)}…` : label;
  if (label.length > MAX_OPTION_CHARS) o.description = label;
  if (selected) o.selected = true;
  return o;
}

export function vscodeButton(text: string, onClick: () => void, options: { secondary?: boolean; id?: string; title?: string } = {}): HTMLElement {
  const b = custom<HTMLElement>('vscode-button', { id: options.id, title: options.title, ...(options.secondary ? { secondary: '' } : {}) });
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

export function singleSelect<T extends string>(options: readonly T[], label: (v: T) => string, value: T, onChange: (v: T) => void, aria: string, className?: string): SingleSelectElement {
  const s = custom<SingleSelectElement>('vscode-single-select', { 'aria-label': aria, class: className });
  for (const o of options) s.append(option(o, label(o), o === value));
  s.value = value;
  s.addEventListener('change', () => {
    const chosen = options.find((o) => o === s.value);
    if (chosen !== undefined && chosen !== value) onChange(chosen);
  });
  return s;
}

export function multiSelect(options: readonly string[], selected: readonly string[], onChange: (v: string[]) => void, aria: string, className?: string): MultiSelectElement {
  const s = custom<MultiSelectElement>('vscode-multi-select', { 'aria-label': aria, class: className });
  for (const o of options) s.append(option(o, o, selected.includes(o)));
  s.addEventListener('change', () => onChange(options.filter((o) => s.value.includes(o))));
  return s;
}

export function textField(type: 'search' | 'datetime-local' | 'text', value: string, attributes: Record<string, string | undefined> = {}): TextFieldElement {
  const t = custom<TextFieldElement>('vscode-textfield', { type, ...attributes });
  t.value = value;
  return t;
}
