/**
 * Fuzz property of the schedule expression parser (src/monitoring/scheduleExpression.ts): valid, damaged
 * and arbitrary expressions with any start time, including an invalid one. scheduleFuzz.test.ts checks it
 * at 2,000 cases, scripts/fuzz.ts at 100,000.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nextScheduledTimes, validateScheduleConfig, validateScheduleExpression } from '../../../src/monitoring/scheduleExpression';
import { fuzzProperty, type SyncFuzzProperty } from './fuzzProperty';

const HOUR_MS = 3_600_000;

const hourText = fc.oneof(fc.integer({ min: 0, max: 30 }).map(String), fc.constantFrom('00', '07', '23', '24', '99', '100', '-1', '1.5', '٣', '*', '?', ''));
const validExpression = fc.oneof(
  fc.constant('cron(0 * ? * * *)'),
  fc.integer({ min: 0, max: 23 }).map((h) => `cron(0 ${h} ? * * *)`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 24 })).map(([s, n]) => `cron(0 ${s}/${n} ? * * *)`),
  fc.constant('NOW'),
);
/** Expressions with one field changed, dropped, doubled, or the text cut, padded or garbled. */
const damagedExpression = fc.oneof(
  fc.tuple(fc.array(fc.oneof(hourText, fc.constantFrom('0', '*', '?', 'L', 'MON', '1-5', '*/2', '0/0', '1,2')), { minLength: 0, maxLength: 8 }), fc.constantFrom(' ', '  ', '\t', '\u00a0')).map(([fields, gap]) => `cron(${fields.join(gap)})`),
  fc.tuple(hourText, hourText).map(([s, n]) => `cron(0 ${s}/${n} ? * * *)`),
  fc.tuple(validExpression, fc.nat(), fc.constantFrom('', ' ', '(', ')', '/', '0', '*', '?', 'x', '\n')).map(([e, at, c]) => {
    const i = at % (e.length + 1);
    return e.slice(0, i) + c + e.slice(i + 1);
  }),
  fc.tuple(validExpression, fc.constantFrom(' ', '\n', 'x', ')'), fc.boolean()).map(([e, pad, before]) => (before ? pad + e : e + pad)),
  fc.constantFrom('now', 'Now', 'rate(1 hour)', 'cron()', 'cron(0 * ? * * *', '0 * ? * * *', 'cron(0 * ? * * * *)'),
  fc.string({ maxLength: 30 }),
);
const expression = fc.oneof({ weight: 1, arbitrary: validExpression }, { weight: 3, arbitrary: damagedExpression });
const duration = fc.oneof(fc.constantFrom('-PT1H', '-PT2H', '-P1D', 'PT0S', '-PT24H', '-P2D', 'PT1H', '-P1Y', '-PT', 'P', '-PT1.5H', '-PT99999999999999999999H', ''), fc.string({ maxLength: 8 }));
/** Any time, sometimes one that is not a time at all (NaN), as a damaged CreationTime makes it. */
const after = fc.oneof({ weight: 9, arbitrary: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') }) }, { weight: 1, arbitrary: fc.constant(new Date(Number.NaN)) });

/** The hours an expression fires at, by a reading independent of the parser's, or undefined when SageMaker refuses it. */
function expectedHours(text: string): number[] | 'now' | undefined {
  const t = text.trim();
  if (t === 'NOW') return 'now';
  if (/[\n\r\u2028\u2029]/.test(t)) return undefined; // one line only
  const m = /^cron\(\s*(\S+)\s+(\S+)\s+\?\s+\*\s+\*\s+\*\s*\)$/.exec(t);
  if (!m || (m[1] !== '0' && m[1] !== '00')) return undefined;
  const hour = m[2];
  const all = Array.from({ length: 24 }, (_, h) => h);
  if (hour === '*') return all;
  if (/^[0-9]{1,2}$/.test(hour)) return Number(hour) <= 23 ? [Number(hour)] : undefined;
  const every = /^([0-9]{1,2})\/([0-9]{1,2})$/.exec(hour);
  if (!every) return undefined;
  const [start, step] = [Number(every[1]), Number(every[2])];
  return start <= 23 && step >= 1 && step <= 24 ? all.filter((h) => h >= start && (h - start) % step === 0) : undefined;
}

/**
 * An expression is accepted exactly when SageMaker accepts it; a refusal is a sentence naming the
 * expression; an accepted cron expression gives `count` top-of-the-hour times after the start, at
 * exactly its hours, in order; an invalid start time or expression is a RangeError, never a hang.
 */
export function scheduleExpressionsParseOrExplain(): SyncFuzzProperty<[string, Date, number, string, string]> {
  return fuzzProperty(fc.tuple(expression, after, fc.integer({ min: -1, max: 30 }), duration, duration), ([expr, start, count, from, to]) => {
    const expected = expectedHours(expr);
    const problem = validateScheduleExpression(expr);
    assert.equal(problem === undefined, expected !== undefined, `${JSON.stringify(expr)} ${problem === undefined ? 'accepted' : `refused: ${problem}`}`);
    if (problem !== undefined) assert.ok(problem.includes(`"${expr}"`), `the message does not name the expression: ${problem}`);
    const config = validateScheduleConfig({ scheduleExpression: expr, dataAnalysisStartTime: from, dataAnalysisEndTime: to });
    assert.ok(config === undefined || config.length > 0);

    let times: Date[];
    try {
      times = nextScheduledTimes(expr, start, count);
    } catch (e) {
      assert.ok(e instanceof RangeError, `threw ${String(e)} instead of a RangeError for ${JSON.stringify(expr)} after ${String(start)}`);
      const invalidStart = Number.isNaN(start.getTime());
      assert.ok(expected === undefined || (invalidStart && expected !== 'now' && count > 0), `refused a valid expression ${JSON.stringify(expr)}: ${e.message}`);
      if (expected !== undefined) assert.match(e.message, /not a time|Invalid Date/, e.message);
      return;
    }
    assert.ok(expected !== undefined, `gave times for an invalid expression ${JSON.stringify(expr)}`);
    if (expected === 'now' || count <= 0) {
      assert.deepEqual(times, []);
      return;
    }
    assert.equal(times.length, count);
    let previous = start.getTime();
    for (const time of times) {
      assert.ok(time.getTime() > previous, `${time.toISOString()} is not after ${new Date(previous).toISOString()}`);
      assert.equal(time.getTime() % HOUR_MS, 0, `${time.toISOString()} is not the top of an hour`);
      assert.ok(expected.includes(time.getUTCHours()), `${JSON.stringify(expr)} fired at hour ${time.getUTCHours()}`);
      previous = time.getTime();
    }
  });
}
