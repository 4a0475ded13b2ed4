/**
 * The wizard's frequency choice as a SageMaker schedule expression: hourly, daily at an hour, every N
 * hours from an hour, a cron expression as typed, or a one-time `NOW` run over an analysis window.
 */
import type { ScheduleConfig } from '../model';
import { cronFor } from '../scheduleExpression';
import type { MonitorForm } from './monitorForm';

/** The expression the form stands for, or undefined while its hour fields are not valid numbers. */
export function scheduleExpressionOf(form: Pick<MonitorForm, 'frequency' | 'startHour' | 'everyHours' | 'cronExpression'>): string | undefined {
  const int = (text: string): number | undefined => (/^\d{1,2}$/.test(text.trim()) ? Number(text) : undefined);
  try {
    switch (form.frequency) {
      case 'hourly':
        return cronFor.hourly();
      case 'daily': {
        const hour = int(form.startHour);
        return hour === undefined ? undefined : cronFor.daily(hour);
      }
      case 'everyNHours': {
        const hour = int(form.startHour);
        const every = int(form.everyHours);
        return hour === undefined || every === undefined ? undefined : cronFor.everyNHours(every, hour);
      }
      case 'cron':
        return form.cronExpression.trim();
      case 'now':
        return 'NOW';
    }
  } catch {
    // An hour out of range: the field's own message says so.
    return undefined;
  }
}

export function scheduleConfigOf(form: MonitorForm): ScheduleConfig | undefined {
  const expr = scheduleExpressionOf(form);
  if (expr === undefined) return undefined;
  return expr === 'NOW' ? { scheduleExpression: 'NOW', dataAnalysisStartTime: form.analysisStart.trim(), dataAnalysisEndTime: form.analysisEnd.trim() } : { scheduleExpression: expr };
}
