import { strict as assert } from 'node:assert';
import { excess, viewViolations } from '../../../src/panels/violationTable';
import type { ViolationRow } from '../../../src/panels/executionReportModel';

const row = (feature: string, check: string, observed?: number, threshold?: number): ViolationRow => ({
  feature,
  check,
  description: `${check} on ${feature}`,
  meaning: '',
  ...(observed !== undefined ? { observed } : {}),
  ...(threshold !== undefined ? { threshold } : {}),
});

describe('the violations table', () => {
  const rows = [row('Length', 'completeness_check', 0.93, 1), row('Sex', 'baseline_drift_check', 0.31, 0.1), row('Extra columns', 'extra_column_check'), row('Height', 'completeness_check', 0.99, 1)];

  it('puts the violation furthest past its threshold first, rows without numbers last', () => {
    assert.deepEqual(viewViolations(rows, { filter: '', sort: 'excess', descending: true }).map((r) => r.feature), ['Sex', 'Length', 'Height', 'Extra columns']);
    assert.ok(Math.abs((excess(rows[1]) ?? 0) - 2.1) < 1e-12);
  });

  it('sorts by name either way and filters on every word', () => {
    assert.deepEqual(viewViolations(rows, { filter: '', sort: 'feature', descending: false }).map((r) => r.feature), ['Extra columns', 'Height', 'Length', 'Sex']);
    assert.deepEqual(viewViolations(rows, { filter: 'COMPLETENESS len', sort: 'feature', descending: false }).map((r) => r.feature), ['Length']);
    assert.deepEqual(viewViolations(rows, { filter: 'nothing-like-this', sort: 'feature', descending: false }), []);
  });
});
