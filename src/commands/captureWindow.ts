/**
 * The time windows the captured-data browser offers (last hour, last 24 hours, a custom UTC range) and
 * the parsing of the custom range's times, as pure functions for the prompts and their tests.
 */

export interface TimeWindow {
  start: Date;
  end: Date;
}

export type WindowChoice = 'lastHour' | 'last24Hours';

export function presetWindow(choice: WindowChoice, now: Date): TimeWindow {
  const hours = choice === 'lastHour' ? 1 : 24;
  // The end is just after now, so a record captured this second is in the window ([start, end)).
  const end = new Date(now.getTime() + 1000);
  return { start: new Date(end.getTime() - hours * 3_600_000), end };
}

/** `2024-05-01 10:00`, `2024-05-01T10:00:00Z`, `2024-05-01` (midnight): always UTC. */
const UTC_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC)?$/i;

/** The time, or a message saying what is wrong. Times with another offset are refused: the range is UTC. */
export function parseUtcTime(text: string): Date | string {
  const trimmed = text.trim();
  const m = UTC_TIME.exec(trimmed);
  if (!m) return `"${trimmed}" is not a UTC time such as 2024-05-01 10:00 (or 2024-05-01T10:00Z).`;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    time.getUTCFullYear() !== year ||
    time.getUTCMonth() !== month - 1 ||
    time.getUTCDate() !== day ||
    time.getUTCHours() !== hour ||
    time.getUTCMinutes() !== minute ||
    time.getUTCSeconds() !== second
  ) {
    return `"${trimmed}" is not a date and time that exists.`;
  }
  return time;
}

export function validateUtcTime(text: string): string | undefined {
  const parsed = parseUtcTime(text);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** The custom range's end, checked against its start; at most 31 days, as a browser lists hour by hour. */
export function validateWindowEnd(text: string, start: Date): string | undefined {
  const parsed = parseUtcTime(text);
  if (typeof parsed === 'string') return parsed;
  if (parsed.getTime() <= start.getTime()) return `The end must be after the start (${formatUtc(start)}).`;
  if (parsed.getTime() - start.getTime() > 31 * 24 * 3_600_000) return 'The range is longer than 31 days: choose a shorter one.';
  return undefined;
}

/** `2024-05-01 10:00:00 UTC`. */
export function formatUtc(time: Date): string {
  return `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
