import { DomainError, ErrorCode } from '@im/contracts';

/** Errors of the push service: `new PushError(ErrorCode.X, 'short message')`. */
export class PushError extends DomainError {
  static adminRequired(): PushError {
    return new PushError(ErrorCode.OpenimAdminRequired, 'the App admin is required');
  }

  static notEnabled(): PushError {
    return new PushError(
      ErrorCode.PushNotEnabled,
      'the push service is not enabled for this app (App configuration → Feature configuration)',
    );
  }

  static attribute(message: string): PushError {
    return new PushError(ErrorCode.PushAttributeInvalid, message);
  }
}
