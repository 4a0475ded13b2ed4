/** Sorting and filtering the report's violations table: pure, so the webview and the tests share it. */
import type { ViolationRow } from './executionReportModel';

export type ViolationSortKey = 'feature' | 'check' | 'observed' | 'excess';
export const VIOLATION_SORT_KEYS: readonly ViolationSortKey[] = ['feature', 'check', 'observed', 'excess'];

export interface ViolationView {
  filter: string;
  sort: ViolationSortKey;
  descending: boolean;
}

/** How far past its threshold a violation is, relative to the threshold (0.31 vs 0.1 → 2.1); undefined without numbers. */
export function excess(v: ViolationRow): number | undefined {
  if (v.observed === undefined || v.threshold === undefined) return undefined;
  const scale = Math.abs(v.threshold) || 1;
  return Math.abs(v.observed - v.threshold) / scale;
}

const text = (v: ViolationRow) => `${v.feature}\n${v.check}\n${v.description}\n${v.likelyCause ?? ''}`.toLowerCase();

/** The rows matching every word of `filter` (feature, check, description or cause), in the asked order; rows without the number last. */
export function viewViolations(rows: readonly ViolationRow[], view: ViolationView): ViolationRow[] {
  const words = view.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = rows.filter((r) => words.every((w) => text(r).includes(w)));
  const value = (r: ViolationRow): string | number | undefined =>
    view.sort === 'feature' ? r.feature : view.sort === 'check' ? r.check : view.sort === 'observed' ? r.observed : excess(r);
  const sign = view.descending ? -1 : 1;
  return kept
    .map((r, i) => ({ r, i, v: value(r) }))
    .sort((a, b) => {
      if (a.v === undefined || b.v === undefined) return a.v === b.v ? a.i - b.i : a.v === undefined ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return c === 0 ? a.i - b.i : sign * c;
    })
    .map((x) => x.r);
}
