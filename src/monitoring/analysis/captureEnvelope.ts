/**
 * The fast path for SageMaker capture lines: one tight, allocation-free pass over the common shape
 * of a capture record, `{"captureData":{"endpointInput":{…,"data":"…","encoding":"CSV"},…},
 * "eventMetadata":{…},…}`, that finds the payloads' `data` and `encoding` fields (and, when asked,
 * `eventMetadata.inferenceTime`).
 *
 * It is an optimisation of the strict byte-level JSON reader in datasetSources.ts, never a second
 * opinion: it accepts only lines that reader accepts, and leaves exactly the fields it would leave
 * (later duplicate keys win, escapes in strings are skipped but not decoded). Anything else (a value
 * that is not a string or an object of strings, an escape in a key, an encoding or the inference time,
 * a control character, a syntax error) makes it return false, and the caller re-reads the line with
 * the full reader, which then also produces the exact error message.
 */

/** Where one captured payload's fields sit in the line. */
export class PayloadSpan {
  present = false;
  dataStart = -1;
  dataEnd = -1;
  dataEscaped = false;
  encoding = '';

  clear(): void {
    this.present = false;
    this.dataStart = -1;
    this.encoding = '';
  }
}

/** What a capture line holds for the analyzer. */
export class CaptureFields {
  readonly input = new PayloadSpan();
  readonly output = new PayloadSpan();
  sawCaptureData = false;
  inferenceTime: string | null = null;

  clear(): void {
    this.input.clear();
    this.output.clear();
    this.sawCaptureData = false;
    this.inferenceTime = null;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const key = (text: string): Uint8Array => new TextEncoder().encode(text);
const K_CAPTURE_DATA = key('captureData');
const K_ENDPOINT_INPUT = key('endpointInput');
const K_ENDPOINT_OUTPUT = key('endpointOutput');
const K_DATA = key('data');
const K_ENCODING = key('encoding');
const K_EVENT_METADATA = key('eventMetadata');
const K_INFERENCE_TIME = key('inferenceTime');

const ENCODINGS = ['CSV', 'JSON', 'BASE64'];

/** The encoding's name without building a string for the three known ones. */
export function encodingName(bytes: Uint8Array, start: number, end: number): string {
  for (const name of ENCODINGS) {
    if (end - start === name.length) {
      let same = true;
      for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) same = false;
      if (same) return name;
    }
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end);
}

/** Reads capture lines of the common shape; one instance per reader (it keeps its position in fields). */
export class CaptureEnvelopeScanner {
  private bytes: Uint8Array = new Uint8Array(0);
  private end = 0;
  /** Set by `string()`: the token's contents and whether they hold escapes. */
  private strStart = 0;
  private strEnd = 0;
  private strEscaped = false;

  /**
   * Reads the line `bytes[start, end)` into `fields` (cleared first) and returns true, or returns
   * false when the line is not of the common shape (then `fields` holds partial results).
   */
  scan(bytes: Uint8Array, start: number, end: number, fields: CaptureFields, wantInferenceTime: boolean): boolean {
    this.bytes = bytes;
    this.end = end;
    fields.clear();
    let p = this.ws(start);
    if (p >= end || bytes[p] !== OPEN_BRACE) return false;
    p = this.ws(p + 1);
    for (;;) {
      p = this.key(p);
      if (p < 0) return false;
      const keyStart = this.strStart;
      const keyEnd = this.strEnd;
      if (p >= end) return false;
      if (bytes[p] === OPEN_BRACE && this.keyIs(keyStart, keyEnd, K_CAPTURE_DATA)) {
        fields.sawCaptureData = true;
        p = this.captureData(p, fields);
      } else if (wantInferenceTime && bytes[p] === OPEN_BRACE && this.keyIs(keyStart, keyEnd, K_EVENT_METADATA)) {
        p = this.eventMetadata(p, fields);
      } else {
        p = this.skipSimpleValue(p);
      }
      if (p < 0) return false;
      p = this.afterMember(p);
      if (p < 0) return false;
      if (bytes[p - 1] === CLOSE_BRACE) return this.ws(p) === end;
    }
  }

  /** `captureData`: its two payload objects; other members must be simple values. */
  private captureData(p: number, fields: CaptureFields): number {
    const bytes = this.bytes;
    p = this.ws(p + 1);
    for (;;) {
      p = this.key(p);
      if (p < 0 || p >= this.end) return -1;
      const keyStart = this.strStart;
      const keyEnd = this.strEnd;
      let span: PayloadSpan | null = null;
      if (this.keyIs(keyStart, keyEnd, K_ENDPOINT_OUTPUT)) span = fields.output;
      else if (this.keyIs(keyStart, keyEnd, K_ENDPOINT_INPUT)) span = fields.input;
      if (span !== null) {
        if (bytes[p] !== OPEN_BRACE) return -1;
        span.present = true;
        p = this.payload(p, span);
      } else {
        p = this.skipSimpleValue(p);
      }
      if (p < 0) return -1;
      p = this.afterMember(p);
      if (p < 0 || bytes[p - 1] === CLOSE_BRACE) return p;
    }
  }

  /** One payload object: `data` and `encoding` strings; other members must be strings. */
  private payload(p: number, span: PayloadSpan): number {
    const bytes = this.bytes;
    p = this.ws(p + 1);
    for (;;) {
      p = this.key(p);
      if (p < 0 || p >= this.end || bytes[p] !== QUOTE) return -1;
      const keyStart = this.strStart;
      const keyEnd = this.strEnd;
      p = this.string(p);
      if (p < 0) return -1;
      if (this.keyIs(keyStart, keyEnd, K_DATA)) {
        span.dataStart = this.strStart;
        span.dataEnd = this.strEnd;
        span.dataEscaped = this.strEscaped;
      } else if (this.keyIs(keyStart, keyEnd, K_ENCODING)) {
        if (this.strEscaped) return -1;
        span.encoding = encodingName(bytes, this.strStart, this.strEnd);
      }
      p = this.afterMember(p);
      if (p < 0 || bytes[p - 1] === CLOSE_BRACE) return p;
    }
  }

  /** `eventMetadata` when the run filters by time: an object of strings, `inferenceTime` decoded. */
  private eventMetadata(p: number, fields: CaptureFields): number {
    const bytes = this.bytes;
    p = this.ws(p + 1);
    for (;;) {
      p = this.key(p);
      if (p < 0 || p >= this.end || bytes[p] !== QUOTE) return -1;
      const keyStart = this.strStart;
      const keyEnd = this.strEnd;
      p = this.string(p);
      if (p < 0) return -1;
      if (this.keyIs(keyStart, keyEnd, K_INFERENCE_TIME)) {
        if (this.strEscaped) return -1;
        fields.inferenceTime = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', this.strStart, this.strEnd);
      }
      p = this.afterMember(p);
      if (p < 0 || bytes[p - 1] === CLOSE_BRACE) return p;
    }
  }

  /** Skips a string, or an object whose members are all strings; -1 for anything else. */
  private skipSimpleValue(p: number): number {
    const bytes = this.bytes;
    if (bytes[p] === QUOTE) return this.string(p);
    if (bytes[p] !== OPEN_BRACE) return -1;
    p = this.ws(p + 1);
    if (p < this.end && bytes[p] === CLOSE_BRACE) return p + 1;
    for (;;) {
      p = this.key(p);
      if (p < 0 || p >= this.end || bytes[p] !== QUOTE) return -1;
      p = this.string(p);
      if (p < 0) return -1;
      p = this.afterMember(p);
      if (p < 0 || bytes[p - 1] === CLOSE_BRACE) return p;
    }
  }

  /**
   * Reads `"key"` then `:` at `p` (after whitespace) and returns the position of the value (after
   * whitespace); the key's range is left in strStart/strEnd. Keys with escapes are refused.
   */
  private key(p: number): number {
    const bytes = this.bytes;
    if (p >= this.end || bytes[p] !== QUOTE) return -1;
    p = this.string(p);
    if (p < 0 || this.strEscaped) return -1;
    p = this.ws(p);
    if (p >= this.end || bytes[p] !== COLON) return -1;
    return this.ws(p + 1);
  }

  /**
   * After a member's value: whitespace, then `,` (returns the position of the next key, after
   * whitespace) or `}` (returns the position just past it, so `bytes[result - 1]` is the brace).
   */
  private afterMember(p: number): number {
    const bytes = this.bytes;
    p = this.ws(p);
    if (p >= this.end) return -1;
    const c = bytes[p];
    if (c === COMMA) return this.ws(p + 1);
    if (c === CLOSE_BRACE) return p + 1;
    return -1;
  }

  /**
   * Reads the string token whose opening quote is at `p`, exactly as the full reader does (an escape
   * skips the byte after the backslash), and returns the position after the closing quote; -1 for a
   * control character or a string left open.
   */
  private string(p: number): number {
    const bytes = this.bytes;
    const end = this.end;
    let i = p + 1;
    let escaped = false;
    for (;;) {
      if (i >= end) return -1;
      const c = bytes[i];
      if (c <= QUOTE) {
        if (c === QUOTE) break;
        if (c < 0x20) return -1;
      } else if (c === BACKSLASH) {
        escaped = true;
        i++;
      }
      i++;
    }
    this.strStart = p + 1;
    this.strEnd = i;
    this.strEscaped = escaped;
    return i + 1;
  }

  /** Skips JSON whitespace (space, tab, LF, CR). */
  private ws(p: number): number {
    const bytes = this.bytes;
    const end = this.end;
    while (p < end) {
      const c = bytes[p];
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      p++;
    }
    return p;
  }

  private keyIs(start: number, end: number, expected: Uint8Array): boolean {
    if (end - start !== expected.length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
    return true;
  }
}
