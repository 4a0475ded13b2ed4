/**
 * Finds an attribute (the prediction, the probability, the label) in a record: by column name or index in
 * CSV (`"prediction"`, `"0"`, Spark's `"_c0"`), by key or JSONPath in JSON (`"score"`,
 * `"$.predictions[0].score"`). Values come back as text, as the analyzer reads them.
 */

/** Splits one CSV line into cells; quoted cells may hold commas and doubled quotes. */
export function splitCsvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) {
          value += line.slice(i);
          i = line.length;
          break;
        }
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      value += line.slice(i, comma < 0 ? line.length : comma);
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** A column index for `"3"` or `"_c3"`, else undefined. */
export function columnIndex(attribute: string): number | undefined {
  const match = /^(?:_c)?(\d+)$/.exec(attribute.trim());
  return match ? Number(match[1]) : undefined;
}

type PathStep = string | number;

/** `$.a.b[0]['c d']` (the leading `$` optional) as steps, or undefined if it is not such a path. */
function parseJsonPath(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else rest = `.${rest}`;
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ((match = /^\.([^.[\]]+)/.exec(rest))) steps.push(match[1]);
    else if ((match = /^\[(\d+)\]/.exec(rest))) steps.push(Number(match[1]));
    else if ((match = /^\[\s*'([^']*)'\s*\]/.exec(rest)) || (match = /^\[\s*"([^"]*)"\s*\]/.exec(rest))) steps.push(match[1]);
    else return undefined;
    rest = rest.slice(match[0].length);
  }
  return steps;
}

/** Text of a JSON scalar, or undefined for a missing value, null, an object or an array. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The attribute of a parsed JSON record: an own key first (so keys containing dots work), then a
 * JSONPath. A bare scalar record (an endpoint that returns just `0.83`) is its own attribute 0.
 */
export function jsonAttribute(record: unknown, attribute: string): string | undefined {
  if (record === null || typeof record !== 'object') return attribute === '0' || attribute === '$' ? scalarText(record) : undefined;
  if (!Array.isArray(record) && Object.hasOwn(record, attribute)) return scalarText((record as Record<string, unknown>)[attribute]);
  if (Array.isArray(record) && columnIndex(attribute) !== undefined) return scalarText(record[columnIndex(attribute) as number]);
  const steps = parseJsonPath(attribute);
  if (!steps) return undefined;
  let value: unknown = record;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return scalarText(value);
}
