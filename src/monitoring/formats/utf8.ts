/** Strict UTF-8 decoding: SageMaker's files are UTF-8, and a bad byte is reported, never replaced by U+FFFD. */
import { FormatError } from './formatError';

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The text of `bytes`; a leading BOM is dropped. Throws a FormatError naming the file (and line) on invalid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, file: string, line?: number): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8Offset(bytes);
    const shown = [...bytes.subarray(at, at + 4)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
    const where = `at byte ${at}${line !== undefined ? ' of the line' : ''}`;
    throw new FormatError(file, `invalid UTF-8 byte 0x${bytes[at].toString(16).padStart(2, '0')} ${where} (bytes ${shown}); the file must be UTF-8 text`, undefined, line);
  }
}

/** Offset of the first byte that does not begin a complete, valid UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) min = 0xa0; // overlong
      if (b === 0xed) max = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90; // overlong
      if (b === 0xf4) max = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += length;
  }
  return bytes.length - 1;
}
