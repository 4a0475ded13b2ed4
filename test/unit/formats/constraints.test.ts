import { strict as assert } from 'node:assert';
import {
  featureOverrides,
  isComparisonEnabled,
  parseConstraints,
  serializeConstraints,
  type DataQualityConstraints,
} from '../../../src/monitoring/formats/constraints';
import { javaDoubleToString } from '../../../src/monitoring/formats/javaNumber';
import { parseStatistics, serializeStatistics } from '../../../src/monitoring/formats/statistics';

/** The SDK's legacy fixture: SDK-style feature overrides and pre-GA distribution keys. */
const LEGACY = JSON.stringify({
  version: 0.0,
  features: [
    {
      name: 'message',
      inferred_type: 'String',
      completeness: 1.0,
      string_constraints: { domains: ['a'], monitoring_config_overrides: { evaluate_constraints: 'Disabled', emit_metrics: 'Enabled' } },
    },
    { name: 'docs_style', inferred_type: 'Integral', monitoringConfigOverrides: { evaluate_constraints: 'Disabled' } },
    { name: 'plain', inferred_type: 'Fractional' },
  ],
  monitoring_config: { evaluate_constraints: 'Enabled', emit_metrics: 'Enabled', distribution_constraints: { enable_comparisons: false, min_domain_mass: 1.0, comparison_threshold: 1.0 } },
});

describe('constraints: alternate and legacy keys', () => {
  it('honours feature overrides in both the SDK and the docs spelling', () => {
    const c = parseConstraints(LEGACY, 'legacy.json') as DataQualityConstraints;
    assert.deepStrictEqual(
      c.features.map((f) => featureOverrides(f).evaluate_constraints),
      ['Disabled', 'Disabled', undefined],
    );
  });

  it('lets the SDK spelling win when both set the same override', () => {
    const both = { name: 'x', inferred_type: 'String' as const, monitoringConfigOverrides: { emit_metrics: 'Enabled' as const }, string_constraints: { monitoring_config_overrides: { emit_metrics: 'Disabled' as const } } };
    assert.equal(featureOverrides(both).emit_metrics, 'Disabled');
  });

  it('reads the legacy enable_comparisons flag when perform_comparison is absent', () => {
    const c = parseConstraints(LEGACY, 'legacy.json') as DataQualityConstraints;
    assert.equal(isComparisonEnabled(c.monitoring_config?.distribution_constraints), false);
    assert.equal(isComparisonEnabled({ perform_comparison: 'Enabled', enable_comparisons: false }), true);
    assert.equal(isComparisonEnabled(undefined), true);
  });

  it('keeps legacy and unknown keys, "__proto__" included, on rewrite', () => {
    const text = LEGACY.replace('"version":0', '"__proto__":{"x":1},"version":0');
    const c = parseConstraints(text, 'legacy.json');
    assert.deepStrictEqual(JSON.parse(serializeConstraints(c)), JSON.parse(text));
    assert.equal(Object.getPrototypeOf(c), Object.prototype);
  });
});

describe("SageMaker's number layout", () => {
  it("prints doubles as Java's Double.toString does", () => {
    const cases: [number, string][] = [
      [0, '0.0'],
      [-0, '-0.0'],
      [1, '1.0'],
      [243, '243.0'],
      [0.1, '0.1'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [0.00012345, '1.2345E-4'],
      [9999999, '9999999.0'],
      [1e7, '1.0E7'],
      [12345678.9, '1.23456789E7'],
      [-2.5e-10, '-2.5E-10'],
      [83.00000000000001, '83.00000000000001'],
      [1.7976931348623157e308, '1.7976931348623157E308'],
    ];
    for (const [x, java] of cases) assert.equal(javaDoubleToString(x), java, String(x));
  });

  it('writes double fields with a decimal point and counts without', () => {
    const text = serializeStatistics(
      parseStatistics(
        JSON.stringify({
          version: 0,
          dataset: { item_count: 3 },
          features: [{ name: 'c', inferred_type: 'String', string_statistics: { common: { num_present: 3, num_missing: 0 }, distinct_count: 1, distribution: { categorical: { buckets: [{ value: 'a', count: 3 }] } } } }],
        }),
        'f',
      ),
    );
    assert.match(text, /"version" : 0\.0,/);
    assert.match(text, /"item_count" : 3\n/);
    assert.match(text, /"distinct_count" : 1\.0,/);
    assert.match(text, /"count" : 3\n/);
  });
});
