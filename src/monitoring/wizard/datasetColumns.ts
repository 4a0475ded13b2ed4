/**
 * The columns a baseline dataset offers from its first line: a CSV header's names, a header-less CSV's
 * 0-based indices, or a JSON Lines record's top-level fields.
 */
import type { DatasetFormat } from './monitorForm';

/** Splits one CSV line (RFC 4180 quotes, doubled quotes inside them). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export function datasetColumns(firstLine: string, format: DatasetFormat): string[] {
  if (format === 'jsonLines') {
    let record: unknown;
    try {
      record = JSON.parse(firstLine);
    } catch {
      throw new Error('the first line is not a JSON object; is the format JSON Lines?');
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new Error('the first line is not a JSON object');
    return Object.keys(record);
  }
  const fields = splitCsvLine(firstLine);
  if (format === 'csvNoHeader') return fields.map((_, i) => String(i));
  return fields.map((f) => f.trim());
}
