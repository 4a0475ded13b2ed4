/**
 * What a violation means, the numbers in it, and the likely cause when it is one of the known false
 * positives. SageMaker's descriptions are kept verbatim (Java's full digits are its exact text); the
 * numbers are parsed out of them here so the report can show them rounded beside it. Pure: no vscode.
 */

/** At most 3 significant digits, without trailing zeros or exponent for everyday magnitudes. */
export function rounded(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e6 || abs < 1e-4) return n.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(n.toPrecision(3)));
}

/** A ratio in [0, 1] as a percentage with at most 3 significant digits: 0.930622 → "93.1%". */
export function roundedPercent(ratio: number): string {
  return `${rounded(ratio * 100)}%`;
}

/** Records below which a drift distance is mostly sampling noise (practitioners' rule of thumb). */
export const FEW_RECORDS_FOR_DRIFT = 500;

export interface ViolationNumbers {
  /** What was measured: a distance, a share (0–1), a metric value, a column count. */
  observed?: number;
  /** What it was compared with, in the same unit. */
  threshold?: number;
  /** How `observed` is compared with `threshold` for the violation to be raised. */
  comparison?: '>' | '<' | '≥' | '≤';
  unit?: 'share' | 'number';
}

const NUMBER = String.raw`(-?(?:\d+\.?\d*(?:E-?\d+)?|NaN|Infinity))`;
const PATTERNS: { check: RegExp; parse: RegExp; build: (m: RegExpExecArray) => ViolationNumbers }[] = [
  {
    check: /^baseline_drift_check$/,
    parse: new RegExp(`distance: ${NUMBER} exceeds threshold: ${NUMBER}`),
    build: (m) => ({ observed: Number(m[1]), threshold: Number(m[2]), comparison: '>', unit: 'number' }),
  },
  {
    check: /^completeness_check$/,
    parse: new RegExp(`Expected: ${NUMBER}%\\. Observed: Only ${NUMBER}%`),
    build: (m) => ({ observed: Number(m[2]) / 100, threshold: Number(m[1]) / 100, comparison: '<', unit: 'share' }),
  },
  {
    check: /^data_type_check$/,
    parse: new RegExp(`Expected match: ${NUMBER}%\\. Observed: Only ${NUMBER}%`),
    build: (m) => ({ observed: Number(m[2]) / 100, threshold: Number(m[1]) / 100, comparison: '<', unit: 'share' }),
  },
  {
    check: /^categorical_values_check$/,
    parse: new RegExp(`Expected match: ${NUMBER}%\\. Observed: ${NUMBER}%`),
    build: (m) => ({ observed: Number(m[2]) / 100, threshold: Number(m[1]) / 100, comparison: '<', unit: 'share' }),
  },
  {
    check: /^(missing|extra)_column_check$/,
    parse: new RegExp(`current dataset: ${NUMBER}, Number of columns in baseline constraints: ${NUMBER}`),
    build: (m) => ({ observed: Number(m[1]), threshold: Number(m[2]), unit: 'number' }),
  },
  {
    // The 2019–2020 analyzer's text for the share-based checks: the observed share only.
    check: /^(completeness|data_type|categorical_values)_check$/,
    parse: new RegExp(`^Value: ${NUMBER} does not meet the constraint requirement`),
    build: (m) => ({ observed: Number(m[1]), unit: 'share' }),
  },
  {
    // Model quality: "Metric mae with 1.82 +/- 0.04 was GreaterThanThreshold '1.58'".
    check: /Threshold$/,
    parse: new RegExp(`with ${NUMBER}(?: \\+/- ${NUMBER})? was (\\w+) '${NUMBER}'`),
    build: (m) => ({ observed: Number(m[1]), threshold: Number(m[4]), comparison: operatorSymbol(m[3]), unit: 'number' }),
  },
];

/** The comparison that *raises* the violation for a model-quality operator. */
export function operatorSymbol(operator: string | undefined): ViolationNumbers['comparison'] {
  switch (operator) {
    case 'GreaterThanThreshold':
      return '>';
    case 'LessThanThreshold':
      return '<';
    case 'GreaterThanOrEqualToThreshold':
      return '≥';
    case 'LessThanOrEqualToThreshold':
      return '≤';
    default:
      return undefined;
  }
}

/** The numbers in a violation's description, or {} when its text is not one SageMaker writes. */
export function parseViolationNumbers(check: string, description: string): ViolationNumbers {
  for (const p of PATTERNS) {
    if (!p.check.test(check)) continue;
    const m = p.parse.exec(description);
    if (m) return p.build(m);
  }
  return {};
}

const MEANINGS: Record<string, string> = {
  data_type_check:
    'The share of values whose type is the baseline\'s inferred type fell below datatype_check_threshold. SageMaker infers a type per value: "2" is Integral, "2.5" Fractional, anything else String.',
  completeness_check: 'The share of non-missing values fell below the baseline\'s completeness for this feature (empty cells, or values that could not be read).',
  baseline_drift_check:
    "The distance between the baseline's distribution of this feature and this window's exceeded comparison_threshold: the largest gap between their cumulative distributions (L∞), or for strings the largest gap in category shares or a chi-squared test.",
  missing_column_check: 'The captured records have fewer columns than the baseline constraints list.',
  extra_column_check: 'The captured records have more columns than the baseline constraints list.',
  categorical_values_check: "The share of string values that are among the baseline's known values (its domain) fell below domain_content_threshold.",
  GreaterThanThreshold: 'The metric is above the threshold from the model-quality baseline: the model got worse on this metric.',
  GreaterThanOrEqualToThreshold: 'The metric reached or passed the threshold from the model-quality baseline.',
  LessThanThreshold: 'The metric is below the threshold from the model-quality baseline: the model got worse on this metric.',
  LessThanOrEqualToThreshold: 'The metric reached or fell below the threshold from the model-quality baseline.',
};

export function checkMeaning(check: string): string {
  return MEANINGS[check] ?? 'A check this report does not know; SageMaker\'s description says what it found.';
}

export interface ExplanationContext {
  /** Records analysed in this window. */
  itemCount?: number;
  /** The feature's baseline inferred type, and what was inferred this time. */
  baselineType?: string;
  currentType?: string;
  /** Columns in this window and in the baseline, when known. */
  currentColumns?: number;
  baselineColumns?: number;
  /** Drift method from the constraints, e.g. "Robust". */
  method?: string;
}

/** The likely cause of a violation when it matches one of the known false positives; undefined otherwise. */
export function likelyCause(check: string, numbers: ViolationNumbers, context: ExplanationContext): string | undefined {
  switch (check) {
    case 'extra_column_check': {
      const extra = numbers.observed !== undefined && numbers.threshold !== undefined ? numbers.observed - numbers.threshold : undefined;
      if (extra === 1) {
        return 'Likely a false positive: the capture holds the features plus the model\'s output column, and the baseline was made from the features only. Make the baseline from a dataset with the output column, or ignore this check.';
      }
      return 'The capture holds columns the baseline does not: the output column when the baseline has only the features, or a request layout that changed.';
    }
    case 'missing_column_check':
      return 'Often batched invocations (several records in one request) collapse into one column, or a request left out a column; compare one captured request with the baseline dataset.';
    case 'baseline_drift_check':
      if (context.itemCount !== undefined && context.itemCount < FEW_RECORDS_FOR_DRIFT) {
        return `Possibly a false positive: only ${context.itemCount} records were analysed (fewer than about ${FEW_RECORDS_FOR_DRIFT}), so the distance is mostly sampling noise${context.method === 'Simple' ? '; the Robust comparison method subtracts the noise expected at this size' : ''}.`;
      }
      return undefined;
    case 'data_type_check':
      if (context.baselineType === 'Fractional') {
        return 'Likely a false positive: in a Fractional column, values written without a decimal point (such as 0 or 2) count as Integral for SageMaker, not Fractional. Write them as 0.0, or lower datatype_check_threshold.';
      }
      if (context.baselineType === 'Integral' && context.currentType === 'Fractional') {
        return 'Values with a decimal point arrived in an Integral column: the client now sends decimals (2.0 counts as Fractional).';
      }
      return undefined;
    case 'completeness_check':
      return 'Empty values in the captured requests; check the client that calls the endpoint, or whether a field was renamed.';
    case 'categorical_values_check':
      return 'New categories appeared, or known ones changed spelling or case (SageMaker compares the exact text).';
    default:
      return undefined;
  }
}

/** Our one-line reading of the numbers, rounded: "distance 0.225 > threshold 0.1". */
export function explainNumbers(check: string, numbers: ViolationNumbers): string | undefined {
  const { observed, threshold, comparison, unit } = numbers;
  if (observed === undefined || threshold === undefined) return undefined;
  const show = unit === 'share' ? roundedPercent : rounded;
  if (check === 'missing_column_check' || check === 'extra_column_check') return `${observed} columns captured, ${threshold} in the baseline`;
  const what = check === 'baseline_drift_check' ? 'distance' : unit === 'share' ? 'observed' : 'value';
  return `${what} ${show(observed)} ${comparison ?? 'vs'} threshold ${show(threshold)}`;
}

export type FailureKind = 'emptyWindow' | 'encoding' | 'groundTruth' | 'baselineMismatch' | 'other';

/** What the known failures mean and what to do about them. */
export function failureAdvice(reason: string | undefined): { kind: FailureKind; advice: string } | undefined {
  if (!reason) return undefined;
  if (/no (captured )?data|inputs had no data|no captured records|hold no records/i.test(reason)) {
    return {
      kind: 'emptyWindow',
      advice: 'The analysis window had no captured records. Check that the endpoint received traffic with data capture on during that hour, and that the capture destination is the one the monitor reads.',
    };
  }
  if (/ground[ _-]?truth|no labels|inferenceId/i.test(reason)) {
    return {
      kind: 'groundTruth',
      advice: "No ground truth matched the captured predictions. Upload labels under the ground-truth S3 URI in hour folders (yyyy/mm/dd/HH), each with the capture's eventId as its inferenceId, before the run's window closes.",
    };
  }
  if (/encod|base64|utf-?8|decode|content type|json.*csv|csv.*json/i.test(reason)) {
    return {
      kind: 'encoding',
      advice: "The captured data's encoding does not match what the monitor expects: make the job definition's dataset format (CSV or JSON) match the endpoint's content type, and capture as text rather than BASE64.",
    };
  }
  if (/baseline|column|schema|feature|does not match/i.test(reason)) {
    return {
      kind: 'baselineMismatch',
      advice: "The baseline does not match the captured data. Make the baseline from a dataset with the same columns, in the same order, as the endpoint's requests (with or without the output column, as the capture has it).",
    };
  }
  return { kind: 'other', advice: 'See the processing job\'s logs for details.' };
}
