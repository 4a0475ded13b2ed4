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
 *
 * The lines of one capture file nearly always share one shape: the same keys, punctuation and
 * whitespace, with only the string values differing. So after a line is scanned, its shape is kept
 * as a template (the bytes between its string values), and the next line is first matched against
 * it: the constant bytes are compared and only the values are scanned, with the same string rule as
 * the scan. A line that matches is tokenised exactly as the template line was, so its fields sit in
 * the same value slots; one that does not is scanned in full and becomes the new template.
 */

/** Where one captured payload's fields sit in the line. */
export class PayloadSpan {
  present = false;
  dataStart = -1;
  dataEnd = -1;
  dataEscaped = false;
  encoding = '';
  /**
   * Which string value of the line (in order) was taken as `data` and `encoding`; -1 for none. Set by
   * the full scan, for the template kept from it.
   */
  dataSlot = -1;
  encodingSlot = -1;

  clear(): void {
    this.present = false;
    this.dataStart = -1;
    this.encoding = '';
    this.dataSlot = -1;
    this.encodingSlot = -1;
  }
}

/** What a capture line holds for the analyzer. */
export class CaptureFields {
  readonly input = new PayloadSpan();
  readonly output = new PayloadSpan();
  sawCaptureData = false;
  inferenceTime: string | null = null;
  inferenceTimeSlot = -1;

  clear(): void {
    this.input.clear();
    this.output.clear();
    this.sawCaptureData = false;
    this.inferenceTime = null;
    this.inferenceTimeSlot = -1;
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

/** Whether `bytes[start, end)` is the ASCII text `name`. */
function isAscii(bytes: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** The encoding's name without building a string for the three known ones. */
export function encodingName(bytes: Uint8Array, start: number, end: number): string {
  if (isAscii(bytes, start, end, 'CSV')) return 'CSV';
  if (isAscii(bytes, start, end, 'JSON')) return 'JSON';
  if (isAscii(bytes, start, end, 'BASE64')) return 'BASE64';
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end);
}

/** A line's string values are tracked up to this many; a line with more is not kept as a template. */
const MAX_VALUES = 64;
/** A longer line is not kept as a template (its payloads dominate it, and a copy per change of shape would cost). */
const MAX_TEMPLATE_BYTES = 16384;

/** Where a payload's fields sit in a template: whether it is there, and the slots of its data and encoding. */
interface PayloadShape {
  present: boolean;
  dataSlot: number;
  encodingSlot: number;
  /** The template line's encoding, for the lines that repeat it. */
  encoding: string;
}

/** The shape of the last line scanned in full: its bytes, where its string values sit, and which are fields. */
class LineTemplate {
  /** Grown to the longest line kept (fresh memory costs a page fault per 4 KB page on first use). */
  bytes = new Uint8Array(0);
  /** words[i] and doubles[i] are the little-endian 32- and 64-bit words at bytes[i] (where they fit). */
  words = new Int32Array(0);
  doubles = new Float64Array(0);
  length = 0;
  /** The contents of the i-th string value are `bytes[valueStarts[i], valueEnds[i])`. */
  readonly valueStarts = new Int32Array(MAX_VALUES);
  readonly valueEnds = new Int32Array(MAX_VALUES);
  /** 1 while every line matched has repeated the i-th value (never for an escaped one). */
  readonly repeats = new Uint8Array(MAX_VALUES);
  valueCount = 0;
  valid = false;
  wantInferenceTime = false;
  sawCaptureData = false;
  readonly input: PayloadShape = { present: false, dataSlot: -1, encodingSlot: -1, encoding: '' };
  readonly output: PayloadShape = { present: false, dataSlot: -1, encodingSlot: -1, encoding: '' };
  inferenceTimeSlot = -1;
}

/**
 * The top bit of each byte of `word` that may be a quote, a backslash or a control character (the
 * bytes that end or change a string); 0 exactly when there is none. This is the word-at-a-time test
 * (w - n·0x01010101) & ~w for a byte below n: without a byte below n nothing borrows, so no byte is
 * flagged, and a byte flagged falsely always sits above one that is really below n.
 */
function specialBytes(word: number): number {
  const quotes = word ^ 0x22222222;
  const backslashes = word ^ 0x5c5c5c5c;
  return (((word - 0x20202020) & ~word) | ((quotes - 0x01010101) & ~quotes) | ((backslashes - 0x01010101) & ~backslashes)) & 0x80808080;
}

function keepShape(shape: PayloadShape, span: PayloadSpan): void {
  shape.present = span.present;
  shape.dataSlot = span.dataSlot;
  shape.encodingSlot = span.encodingSlot;
  shape.encoding = span.encoding;
}

/** Reads capture lines of the common shape; one instance per reader (it keeps its position in fields). */
export class CaptureEnvelopeScanner {
  private bytes: Uint8Array = new Uint8Array(0);
  private end = 0;
  /** Set by `string()`: the token's contents and whether they hold escapes. */
  private strStart = 0;
  private strEnd = 0;
  private strEscaped = false;
  /** The current line's string values (positions in the line's buffer), in order, with their escape flags. */
  private readonly valueStarts = new Int32Array(MAX_VALUES);
  private readonly valueEnds = new Int32Array(MAX_VALUES);
  private readonly valueEscaped = new Uint8Array(MAX_VALUES);
  private valueCount = 0;
  private readonly template = new LineTemplate();
  private viewBytes: Uint8Array | null = null;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  /**
   * Reads the line `bytes[start, end)` into `fields` (cleared first) and returns true, or returns
   * false when the line is not of the common shape (then `fields` holds partial results).
   */
  scan(bytes: Uint8Array, start: number, end: number, fields: CaptureFields, wantInferenceTime: boolean): boolean {
    fields.clear();
    const template = this.template;
    if (template.valid && template.wantInferenceTime === wantInferenceTime && this.matchTemplate(bytes, start, end)) {
      return this.takeTemplateFields(bytes, fields);
    }
    this.bytes = bytes;
    this.end = end;
    this.valueCount = 0;
    const accepted = this.scanInFull(start, fields, wantInferenceTime);
    if (accepted) this.keepTemplate(bytes, start, end, fields, wantInferenceTime);
    return accepted;
  }

  /**
   * Whether the line is the template's shape with other string values: its constant bytes are
   * compared, and each value is read up to its closing quote by `string()`'s rule. The values'
   * positions are left in valueStarts/valueEnds/valueEscaped. A value that has so far been the
   * template's own (a mode, a content type, an encoding) is first compared as constant bytes too.
   */
  private matchTemplate(bytes: Uint8Array, start: number, end: number): boolean {
    const template = this.template;
    const view = this.viewOf(bytes);
    const count = template.valueCount;
    let p = start;
    let from = 0;
    for (let v = 0; ; v++) {
      const to = v < count ? template.valueStarts[v] : template.length;
      if (p + to - from > end || !this.sameAsTemplate(bytes, view, p, from, to)) return false;
      p += to - from;
      if (v === count) return p === end;
      this.valueStarts[v] = p;
      from = template.valueEnds[v];
      if (template.repeats[v] !== 0) {
        // The value and its closing quote: equal bytes are the same unescaped value.
        if (p + from + 1 - to <= end && this.sameAsTemplate(bytes, view, p, to, from + 1)) {
          p += from - to;
          this.valueEnds[v] = p;
          this.valueEscaped[v] = 0;
          continue;
        }
        template.repeats[v] = 0;
      }
      // string()'s rule, written out here: as a function shared with string() it cost about 8 % of
      // the envelope (minimum of 40 interleaved runs); the template tests hold the two to one rule.
      let escaped = 0;
      for (;;) {
        let found = 0;
        while (p + 4 <= end && (found = specialBytes(view.getInt32(p, true))) === 0) p += 4;
        // The lowest flagged byte is always a special one (a false flag needs a borrow from below).
        if (found !== 0) p += (31 - Math.clz32(found & -found)) >>> 3;
        if (p >= end) return false;
        const c = bytes[p];
        if (c <= QUOTE) {
          if (c === QUOTE) break;
          if (c < 0x20) return false;
        } else if (c === BACKSLASH) {
          escaped = 1;
          p++;
        }
        p++;
      }
      this.valueEnds[v] = p;
      this.valueEscaped[v] = escaped;
    }
  }

  /**
   * Whether the line's bytes from `p` equal the template's `[from, to)`, eight bytes at a time (about
   * 12 % faster than four). Equal doubles have equal bytes here: the template holds no zero byte (an
   * accepted line has none), so neither of the two zeros that compare equal; a NaN never compares
   * equal, and its bytes are then compared as two words.
   */
  private sameAsTemplate(bytes: Uint8Array, view: DataView<ArrayBufferLike>, p: number, from: number, to: number): boolean {
    const template = this.template;
    const doubles = template.doubles;
    const words = template.words;
    let k = from;
    for (; k + 8 <= to; p += 8, k += 8) {
      if (view.getFloat64(p, true) !== doubles[k] && (view.getInt32(p, true) !== words[k] || view.getInt32(p + 4, true) !== words[k + 4])) return false;
    }
    for (; k + 4 <= to; p += 4, k += 4) if (view.getInt32(p, true) !== words[k]) return false;
    for (; k < to; p++, k++) if (bytes[p] !== template.bytes[k]) return false;
    return true;
  }

  /** A DataView of `bytes`, kept while the reader hands over the same buffer. */
  private viewOf(bytes: Uint8Array): DataView<ArrayBufferLike> {
    if (this.viewBytes !== bytes) {
      this.viewBytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.view;
  }

  /** Fills `fields` from the slots of a line that matched the template; false where the scan would refuse it. */
  private takeTemplateFields(bytes: Uint8Array, fields: CaptureFields): boolean {
    const template = this.template;
    fields.sawCaptureData = template.sawCaptureData;
    if (!this.takeSpan(bytes, template.input, fields.input) || !this.takeSpan(bytes, template.output, fields.output)) return false;
    const slot = template.inferenceTimeSlot;
    if (slot >= 0) {
      if (this.valueEscaped[slot] !== 0) return false;
      fields.inferenceTime = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', this.valueStarts[slot], this.valueEnds[slot]);
    }
    return true;
  }

  private takeSpan(bytes: Uint8Array, shape: PayloadShape, span: PayloadSpan): boolean {
    span.present = shape.present;
    const data = shape.dataSlot;
    if (data >= 0) {
      span.dataStart = this.valueStarts[data];
      span.dataEnd = this.valueEnds[data];
      span.dataEscaped = this.valueEscaped[data] !== 0;
    }
    const encoding = shape.encodingSlot;
    if (encoding >= 0) {
      if (this.valueEscaped[encoding] !== 0) return false;
      // A repeated value matched the template's bytes (see matchTemplate), so it is the same name.
      span.encoding = this.template.repeats[encoding] !== 0 ? shape.encoding : encodingName(bytes, this.valueStarts[encoding], this.valueEnds[encoding]);
    }
    return true;
  }

  /** Keeps a line the scan accepted as the template for the next one. */
  private keepTemplate(bytes: Uint8Array, start: number, end: number, fields: CaptureFields, wantInferenceTime: boolean): void {
    const template = this.template;
    const length = end - start;
    template.valid = length <= MAX_TEMPLATE_BYTES && this.valueCount <= MAX_VALUES;
    if (!template.valid) return;
    if (template.bytes.length < length) {
      const capacity = Math.min(MAX_TEMPLATE_BYTES, Math.max(length, 2 * template.bytes.length));
      template.bytes = new Uint8Array(capacity);
      template.words = new Int32Array(capacity);
      template.doubles = new Float64Array(capacity);
    }
    template.bytes.set(bytes.subarray(start, end));
    template.length = length;
    const view = this.viewOf(bytes);
    for (let i = 0; i + 4 <= length; i++) template.words[i] = view.getInt32(start + i, true);
    for (let i = 0; i + 8 <= length; i++) template.doubles[i] = view.getFloat64(start + i, true);
    template.valueCount = this.valueCount;
    for (let v = 0; v < this.valueCount; v++) {
      template.valueStarts[v] = this.valueStarts[v] - start;
      template.valueEnds[v] = this.valueEnds[v] - start;
      template.repeats[v] = this.valueEscaped[v] === 0 ? 1 : 0;
    }
    template.wantInferenceTime = wantInferenceTime;
    template.sawCaptureData = fields.sawCaptureData;
    keepShape(template.input, fields.input);
    keepShape(template.output, fields.output);
    template.inferenceTimeSlot = fields.inferenceTimeSlot;
  }

  /** The scan of a whole line by the grammar above; records its string values for the template. */
  private scanInFull(start: number, fields: CaptureFields, wantInferenceTime: boolean): boolean {
    const bytes = this.bytes;
    const end = this.end;
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
      p = this.value(p);
      if (p < 0) return -1;
      if (this.keyIs(keyStart, keyEnd, K_DATA)) {
        span.dataStart = this.strStart;
        span.dataEnd = this.strEnd;
        span.dataEscaped = this.strEscaped;
        span.dataSlot = this.valueCount - 1;
      } else if (this.keyIs(keyStart, keyEnd, K_ENCODING)) {
        if (this.strEscaped) return -1;
        span.encoding = encodingName(bytes, this.strStart, this.strEnd);
        span.encodingSlot = this.valueCount - 1;
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
      p = this.value(p);
      if (p < 0) return -1;
      if (this.keyIs(keyStart, keyEnd, K_INFERENCE_TIME)) {
        if (this.strEscaped) return -1;
        fields.inferenceTime = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', this.strStart, this.strEnd);
        fields.inferenceTimeSlot = this.valueCount - 1;
      }
      p = this.afterMember(p);
      if (p < 0 || bytes[p - 1] === CLOSE_BRACE) return p;
    }
  }

  /** Skips a string, or an object whose members are all strings; -1 for anything else. */
  private skipSimpleValue(p: number): number {
    const bytes = this.bytes;
    if (bytes[p] === QUOTE) return this.value(p);
    if (bytes[p] !== OPEN_BRACE) return -1;
    p = this.ws(p + 1);
    if (p < this.end && bytes[p] === CLOSE_BRACE) return p + 1;
    for (;;) {
      p = this.key(p);
      if (p < 0 || p >= this.end || bytes[p] !== QUOTE) return -1;
      p = this.value(p);
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

  /** A string value (not a key): read by `string()` and recorded as the line's next value. */
  private value(p: number): number {
    p = this.string(p);
    if (p >= 0) {
      const v = this.valueCount++;
      if (v < MAX_VALUES) {
        this.valueStarts[v] = this.strStart;
        this.valueEnds[v] = this.strEnd;
        this.valueEscaped[v] = this.strEscaped ? 1 : 0;
      }
    }
    return p;
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
