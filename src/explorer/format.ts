/** How the explorer writes times, counts and enum values. */
import type { MonitoringType } from '../monitoring/model';

export function formatUtcHour(t: Date): string {
  return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const TYPE_LABELS: Record<MonitoringType, string> = {
  DataQuality: 'Data quality',
  ModelQuality: 'Model quality',
  ModelBias: 'Bias',
  ModelExplainability: 'Explainability',
};

export function monitoringTypeLabel(type: MonitoringType | undefined): string {
  // A type SageMaker adds after this release is shown as its API name rather than as nothing.
  return type ? (TYPE_LABELS[type] ?? type) : 'Monitor';
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
