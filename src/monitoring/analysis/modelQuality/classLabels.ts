/**
 * Class labels as the confusion matrix names them. Labels are compared as numbers when they are
 * numbers ("1", "1.0" and "1e0" are one class, written "1"), otherwise as their trimmed text.
 */

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The label's name in the confusion matrix, or undefined for an empty cell. */
export function canonicalClassLabel(text: string): string | undefined {
  let label = text.trim();
  if (label.length >= 2 && label.startsWith('"') && label.endsWith('"')) label = label.slice(1, -1).trim();
  if (label === '') return undefined;
  if (NUMBER.test(label)) {
    const value = Number(label);
    return Object.is(value, -0) ? '0' : String(value);
  }
  return label;
}

/** 0 or 1 for a binary label (`0`, `1`, `0.0`, `true`, `false`…), otherwise undefined. */
export function binaryClassLabel(text: string): 0 | 1 | undefined {
  const label = canonicalClassLabel(text);
  if (label === '0' || label?.toLowerCase() === 'false') return 0;
  if (label === '1' || label?.toLowerCase() === 'true') return 1;
  return undefined;
}

/** Numbers ascending when every label is a number, otherwise by text: the order of the matrix's keys. */
export function compareClassLabels(labels: readonly string[]): (a: string, b: string) => number {
  const numeric = labels.every((label) => NUMBER.test(label));
  if (numeric) return (a, b) => Number(a) - Number(b);
  return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
}

/** Gives each distinct label a small integer code, in order of first appearance. */
export class ClassDictionary {
  private readonly codes = new Map<string, number>();
  readonly labels: string[] = [];

  codeOf(label: string): number {
    let code = this.codes.get(label);
    if (code === undefined) {
      code = this.labels.length;
      this.codes.set(label, code);
      this.labels.push(label);
    }
    return code;
  }

  /** Codes renumbered so that code order is label order: `remap[oldCode]` is the new code. */
  sortedRemap(): { labels: string[]; remap: Int32Array } {
    const sorted = [...this.labels].sort(compareClassLabels(this.labels));
    const remap = new Int32Array(this.labels.length);
    sorted.forEach((label, newCode) => (remap[this.codes.get(label) as number] = newCode));
    return { labels: sorted, remap };
  }
}
