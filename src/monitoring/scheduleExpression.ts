/**
 * SageMaker Model Monitor's schedule expressions (spec §6.3), shared by the AWS backend (checked before
 * a create call, so the user sees the rule rather than a service error), the local scheduler and the
 * schedule wizard. Only three cron forms exist — hourly, daily at an hour, every N hours from an hour —
 * all in UTC with minute 0, plus `NOW` (one run over an explicit window).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const SUPPORTED_FORMS =
  'SageMaker accepts cron(0 * ? * * *) (hourly), cron(0 H ? * * *) (daily at hour H UTC), cron(0 S/N ? * * *) (every N hours from hour S) or NOW';

/** The hours of a UTC day at which a cron schedule fires, or 'now' for a one-time run. */
type ParsedSchedule = { kind: 'cron'; hours: number[] } | { kind: 'now' };

function parse(expr: string): ParsedSchedule | string {
  const text = expr.trim();
  if (text === 'NOW') return { kind: 'now' };
  const m = /^cron\((.*)\)$/.exec(text);
  if (!m) return `"${expr}" is not a schedule expression. ${SUPPORTED_FORMS}.`;
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6) return `"${expr}" has ${fields.length} cron fields; SageMaker's cron has 6 (minute hour day-of-month month day-of-week year). ${SUPPORTED_FORMS}.`;
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields;
  if (!/^0{1,2}$/.test(minute)) return `"${expr}": the minute field must be 0 — Model Monitor runs at the top of an hour, at most hourly.`;
  if (dayOfMonth !== '?' || month !== '*' || dayOfWeek !== '*' || year !== '*') {
    return `"${expr}": day-of-month must be ? and month, day-of-week and year must be * (Model Monitor schedules repeat every day). ${SUPPORTED_FORMS}.`;
  }
  if (hour === '*') return { kind: 'cron', hours: range(0, 23, 1) };
  const daily = /^\d{1,2}$/.exec(hour);
  if (daily) {
    const h = Number(hour);
    if (h > 23) return `"${expr}": hour ${h} is out of range 0–23 (UTC).`;
    return { kind: 'cron', hours: [h] };
  }
  const every = /^(\d{1,2})\/(\d{1,2})$/.exec(hour);
  if (every) {
    const start = Number(every[1]);
    const step = Number(every[2]);
    if (start > 23) return `"${expr}": starting hour ${start} is out of range 0–23 (UTC).`;
    if (step < 1 || step > 24) return `"${expr}": the interval must be 1–24 hours, got ${step}.`;
    return { kind: 'cron', hours: range(start, 23, step) };
  }
  return `"${expr}": the hour field "${hour}" is not supported. ${SUPPORTED_FORMS}.`;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let h = from; h <= to; h += step) out.push(h);
  return out;
}

/** An error message for an expression SageMaker would refuse, or undefined when it is valid. */
export function validateScheduleExpression(expr: string): string | undefined {
  const parsed = parse(expr);
  return typeof parsed === 'string' ? parsed : undefined;
}

const DURATION = /^([-+])?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * An ISO-8601 duration such as `-PT1H`, `-P1D` or `PT30M` in milliseconds (negative when signed `-`).
 * Years and months have no fixed length, so they are refused; weeks, days, hours, minutes and seconds
 * (fractions allowed) are accepted. Throws a RangeError naming the text when it is not a duration.
 */
export function parseIsoDuration(text: string): number {
  const m = DURATION.exec(text.trim());
  const hasPart = m && m.slice(2).some((p) => p !== undefined);
  const danglingT = /T$/.test(text.trim());
  if (!m || !hasPart || danglingT) {
    throw new RangeError(`"${text}" is not an ISO-8601 duration (expected e.g. -PT1H, -P1D, -PT30M)`);
  }
  const [, sign, years, months, weeks, days, hours, minutes, seconds] = m;
  if (years !== undefined || months !== undefined) {
    throw new RangeError(`"${text}": years and months have no fixed length; give the duration in days (e.g. -P30D)`);
  }
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  const ms = n(weeks) * 7 * DAY_MS + n(days) * DAY_MS + n(hours) * HOUR_MS + n(minutes) * 60_000 + n(seconds) * 1000;
  return sign === '-' ? -ms : ms;
}

/**
 * Checks `DataAnalysisStartTime` / `DataAnalysisEndTime` against the expression: a `NOW` schedule needs
 * both, as negative (or zero) ISO-8601 durations with start ≤ end and at most 24 hours apart; a cron
 * schedule takes neither (its window comes from the job definition's offsets).
 */
export function validateOffsets(scheduleExpression: string, dataAnalysisStartTime?: string, dataAnalysisEndTime?: string): string | undefined {
  const isNow = scheduleExpression.trim() === 'NOW';
  if (!isNow) {
    if (dataAnalysisStartTime !== undefined || dataAnalysisEndTime !== undefined) {
      return 'DataAnalysisStartTime and DataAnalysisEndTime apply only to a one-time NOW schedule; leave them empty for a cron schedule.';
    }
    return undefined;
  }
  if (dataAnalysisStartTime === undefined || dataAnalysisEndTime === undefined) {
    return 'A NOW schedule needs both DataAnalysisStartTime and DataAnalysisEndTime (ISO-8601 durations before the run, e.g. -PT2H and -PT1H).';
  }
  const parsed: Record<'DataAnalysisStartTime' | 'DataAnalysisEndTime', number> = { DataAnalysisStartTime: 0, DataAnalysisEndTime: 0 };
  for (const [field, value] of [
    ['DataAnalysisStartTime', dataAnalysisStartTime],
    ['DataAnalysisEndTime', dataAnalysisEndTime],
  ] as const) {
    try {
      parsed[field] = parseIsoDuration(value);
    } catch (e) {
      return `${field}: ${(e as Error).message}.`;
    }
    if (parsed[field] > 0) return `${field} "${value}" must be a negative duration (before the run), e.g. -PT1H.`;
  }
  const start = parsed.DataAnalysisStartTime;
  const end = parsed.DataAnalysisEndTime;
  if (start > end) return `DataAnalysisStartTime (${dataAnalysisStartTime}) must not be after DataAnalysisEndTime (${dataAnalysisEndTime}).`;
  if (end - start > DAY_MS) return `The analysis window from ${dataAnalysisStartTime} to ${dataAnalysisEndTime} is longer than the 24 hours SageMaker allows.`;
  return undefined;
}

/** Expression and offsets together: the first problem found, or undefined. */
export function validateScheduleConfig(config: { scheduleExpression: string; dataAnalysisStartTime?: string; dataAnalysisEndTime?: string }): string | undefined {
  return validateScheduleExpression(config.scheduleExpression) ?? validateOffsets(config.scheduleExpression, config.dataAnalysisStartTime, config.dataAnalysisEndTime);
}

/**
 * The next `count` times (UTC, top of the hour) strictly after `after` at which a cron schedule fires;
 * empty for `NOW`, which runs once when created. Throws a RangeError for an invalid expression or start time.
 */
export function nextScheduledTimes(expr: string, after: Date, count: number): Date[] {
  const parsed = parse(expr);
  if (typeof parsed === 'string') throw new RangeError(parsed);
  if (parsed.kind === 'now' || count <= 0) return [];
  // An invalid start (a damaged CreationTime gives NaN) would never reach a firing hour.
  if (!Number.isFinite(after.getTime())) throw new RangeError(`The start time for ${expr} is not a time (Invalid Date); give a valid ISO-8601 time.`);
  const fires = new Set(parsed.hours);
  const out: Date[] = [];
  let t = Math.floor(after.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  while (out.length < count) {
    if (fires.has(new Date(t).getUTCHours())) out.push(new Date(t));
    t += HOUR_MS;
  }
  return out;
}

/** Builders for the three cron forms (the SDK's `CronExpressionGenerator`). */
export const cronFor = {
  hourly: (): string => 'cron(0 * ? * * *)',
  daily(hour = 0): string {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`daily schedule: hour must be 0–23 (UTC), got ${hour}`);
    return `cron(0 ${hour} ? * * *)`;
  },
  everyNHours(n: number, start = 0): string {
    if (!Number.isInteger(n) || n < 1 || n > 24) throw new RangeError(`every-N-hours schedule: N must be 1–24, got ${n}`);
    if (!Number.isInteger(start) || start < 0 || start > 23) throw new RangeError(`every-N-hours schedule: starting hour must be 0–23 (UTC), got ${start}`);
    return `cron(0 ${start}/${n} ? * * *)`;
  },
};
