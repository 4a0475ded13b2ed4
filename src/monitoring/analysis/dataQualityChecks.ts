/**
 * The six data-quality checks of a monitoring run (spec §3.6, analyzer-exactness "Violations"), with
 * SageMaker's exact descriptions. Current columns are matched to the baseline's by position.
 *
 * Settings honoured, from the baseline constraints' monitoring_config: evaluate_constraints (global,
 * and per feature through `monitoringConfigOverrides` or `string_constraints.monitoring_config_overrides`),
 * datatype_check_threshold, domain_content_threshold, and distribution_constraints.perform_comparison,
 * comparison_threshold, comparison_method (Simple | Robust), categorical_comparison_threshold (falls
 * back to comparison_threshold) and categorical_drift_method (LInfinity | ChiSquared).
 *
 * When the number of columns differs from the baseline only the missing/extra column violation is
 * reported. Violations are listed grouped by check type (data type, completeness, drift, categorical
 * values), features in column order.
 */
import type { DataQualityConstraints, EnabledFlag, FeatureConstraints } from '../formats/constraints';
import type { DataQualityStatistics, FeatureStatistics } from '../formats/statistics';
import type { ConstraintViolations, Violation } from '../formats/violations';
import { categoricalChiSquared, categoricalLInfinity, numericalDistance } from './distance';
import type { ColumnProfile } from './featureProfile';
import { javaDoubleToString, javaPercent } from '../formats/javaNumber';
import { KllSketch } from './kll';
import { categoricalCounts } from './dataQualityStatistics';
import { CELL_FRACTIONAL, CELL_INTEGRAL, isNumericType } from './typeInference';

/** The current dataset as the checks need it: per position, the column's profile (if it had one). */
export interface CurrentDataset {
  rowCount: number;
  columnCount: number;
  columns: ReadonlyArray<ColumnProfile | undefined>;
}

interface EffectiveConfig {
  evaluate: boolean;
  datatypeThreshold: number;
  domainThreshold: number;
  compare: boolean;
  numericalThreshold: number;
  categoricalThreshold: number;
  method: 'Simple' | 'Robust';
  categoricalMethod: 'LInfinity' | 'ChiSquared';
}

function effectiveConfig(constraints: Pick<DataQualityConstraints, 'monitoring_config'>): EffectiveConfig {
  const config = constraints.monitoring_config ?? {};
  const distribution = config.distribution_constraints ?? {};
  const numericalThreshold = distribution.comparison_threshold ?? 0.1;
  return {
    evaluate: config.evaluate_constraints !== 'Disabled',
    datatypeThreshold: config.datatype_check_threshold ?? 1.0,
    domainThreshold: config.domain_content_threshold ?? 1.0,
    compare: distribution.perform_comparison !== 'Disabled',
    numericalThreshold,
    categoricalThreshold: distribution.categorical_comparison_threshold ?? numericalThreshold,
    method: distribution.comparison_method ?? 'Robust',
    categoricalMethod: distribution.categorical_drift_method ?? 'LInfinity',
  };
}

/** A feature's own evaluate_constraints override, in either spelling SageMaker files use. */
function featureEvaluation(feature: FeatureConstraints): EnabledFlag | undefined {
  return feature.monitoringConfigOverrides?.evaluate_constraints ?? feature.string_constraints?.monitoring_config_overrides?.evaluate_constraints;
}

export function checkDataQuality(
  current: CurrentDataset,
  baseline: { statistics: DataQualityStatistics; constraints: DataQualityConstraints },
): ConstraintViolations {
  const config = effectiveConfig(baseline.constraints);
  if (!config.evaluate) return { violations: [] };
  const features = baseline.constraints.features;
  const expected = features.length;
  if (current.columnCount < expected) {
    return { violations: [columnCountViolation('missing', current.columnCount, expected)] };
  }
  if (current.columnCount > expected) {
    return { violations: [columnCountViolation('extra', current.columnCount, expected)] };
  }

  const dataType: Violation[] = [];
  const completeness: Violation[] = [];
  const drift: Violation[] = [];
  const categorical: Violation[] = [];
  const baselineStatistics = new Map(baseline.statistics.features.map((feature) => [feature.name, feature]));

  features.forEach((feature, index) => {
    if (featureEvaluation(feature) === 'Disabled') return;
    const column = current.columns[index];
    const present = column?.present ?? 0;
    const name = feature.name;

    if (isNumericType(feature.inferred_type) && present > 0) {
      const matching = column!.typeCounts[feature.inferred_type === 'Integral' ? CELL_INTEGRAL : CELL_FRACTIONAL];
      const ratio = matching / present;
      if (ratio < config.datatypeThreshold) {
        dataType.push({
          feature_name: name,
          constraint_check_type: 'data_type_check',
          description:
            `Data type match requirement is not met. Expected data type: ${feature.inferred_type}, ` +
            `Expected match: ${javaPercent(config.datatypeThreshold)}%. Observed: Only ${javaPercent(ratio)}% of data is ${feature.inferred_type}.`,
        });
      }
    }

    if (feature.completeness !== undefined && current.rowCount > 0) {
      const observed = present / current.rowCount;
      if (observed < feature.completeness) {
        completeness.push({
          feature_name: name,
          constraint_check_type: 'completeness_check',
          description: `Data completeness requirement is not met. Expected: ${javaPercent(feature.completeness)}%. Observed: Only ${javaPercent(observed)}%.`,
        });
      }
    }

    const baselineFeature = baselineStatistics.get(name) ?? baseline.statistics.features[index];
    if (config.compare && column !== undefined && present > 0 && baselineFeature !== undefined) {
      const distance = driftDistance(feature, baselineFeature, column, config);
      if (distance !== null && distance.exceeded) {
        drift.push({
          feature_name: name,
          constraint_check_type: 'baseline_drift_check',
          description: `Baseline drift distance: ${javaDoubleToString(distance.value)} exceeds threshold: ${javaDoubleToString(distance.threshold)}`,
        });
      }
    }

    const domains = feature.string_constraints?.domains;
    if (feature.inferred_type === 'String' && domains !== undefined && column !== undefined && present > 0) {
      const known = knownValueCount(column, domains);
      if (known !== null) {
        const ratio = known / present;
        if (ratio < config.domainThreshold) {
          categorical.push({
            feature_name: name,
            constraint_check_type: 'categorical_values_check',
            description:
              `Categorical value match requirement is not met. Expected match: ${javaPercent(config.domainThreshold)}%. ` +
              `Observed: ${javaPercent(ratio)}% of the values match the known values.`,
          });
        }
      }
    }
  });
  return { violations: [...dataType, ...completeness, ...drift, ...categorical] };
}

function columnCountViolation(kind: 'missing' | 'extra', currentCount: number, baselineCount: number): Violation {
  return {
    feature_name: kind === 'missing' ? 'Missing columns' : 'Extra columns',
    constraint_check_type: kind === 'missing' ? 'missing_column_check' : 'extra_column_check',
    description:
      `There are ${kind} columns in current dataset. Number of columns in current dataset: ${currentCount}, ` +
      `Number of columns in baseline constraints: ${baselineCount}`,
  };
}

/**
 * Distance between the baseline's and the current distribution of one feature, and whether it breaks
 * the threshold; null when there is nothing to compare (no sketch, or no value counts).
 */
function driftDistance(
  feature: FeatureConstraints,
  baselineFeature: FeatureStatistics,
  column: ColumnProfile,
  config: EffectiveConfig,
): { value: number; threshold: number; exceeded: boolean } | null {
  if (isNumericType(feature.inferred_type)) {
    const data = baselineFeature.numerical_statistics?.distribution?.kll?.sketch?.data;
    if (!Array.isArray(data) || !isNumericType(column.inferredType)) return null;
    const value = numericalDistance(KllSketch.fromData(data), column.sketch, config.method);
    return { value, threshold: config.numericalThreshold, exceeded: value > config.numericalThreshold };
  }
  if (feature.inferred_type !== 'String') return null;
  const baselineBuckets = baselineFeature.string_statistics?.distribution?.categorical?.buckets;
  const currentCounts = categoricalCounts(column);
  if (baselineBuckets === undefined || currentCounts === null) return null;
  const baselineCounts = new Map(baselineBuckets.map((bucket) => [bucket.value, bucket.count]));
  const threshold = config.categoricalThreshold;
  if (config.categoricalMethod === 'ChiSquared') {
    const value = categoricalChiSquared(baselineCounts, currentCounts, config.method);
    if (Number.isNaN(value)) return null;
    // Robust returns the test's p-value: a small p-value means the distributions differ.
    const exceeded = config.method === 'Robust' ? value < threshold : value > threshold;
    return { value, threshold, exceeded };
  }
  const value = categoricalLInfinity(baselineCounts, currentCounts, config.method);
  return { value, threshold, exceeded: value > threshold };
}

/** Non-missing cells whose text is one of the baseline's domain values. */
function knownValueCount(column: ColumnProfile, domains: readonly string[]): number | null {
  if (column.knownValues !== null) return column.knownValueCount;
  if (column.categories === null) return null;
  const domain = new Set(domains);
  let known = 0;
  for (const [value, count] of column.categories) if (domain.has(value)) known += count;
  return known;
}
