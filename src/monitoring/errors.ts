/**
 * Every failure a backend reports is a MonitoringError: a kind the UI can act on, and a message that
 * says what happened, to what, and what to do next. Nothing is swallowed: `cause` keeps the original.
 */
export type MonitoringErrorKind =
  | 'AccessDenied'
  | 'CredentialsExpired'
  | 'CredentialsMissing'
  | 'NotFound'
  | 'InUse'
  | 'LimitExceeded'
  | 'Validation'
  | 'Throttled'
  | 'Network'
  | 'ServiceClosed'
  | 'BadData'
  | 'Unknown';

export class MonitoringError extends Error {
  override readonly name = 'MonitoringError';
  constructor(
    readonly kind: MonitoringErrorKind,
    message: string,
    readonly details: { operation?: string; resource?: string; requestId?: string; cause?: unknown } = {},
  ) {
    super(message);
  }
}

export function isMonitoringError(e: unknown): e is MonitoringError {
  return e instanceof MonitoringError;
}
