/**
 * The one error a parser of SageMaker's files may throw: it names the file (S3 URI or path), the line
 * (for JSON Lines; 1-based) and the field (a JSON path such as `features[3].numerical_statistics.sum`).
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly field?: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${problem}`);
  }
}
