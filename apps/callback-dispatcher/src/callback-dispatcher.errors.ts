import { DomainError, ErrorCode } from '@im/contracts';

/** Errors of the callback-dispatcher service: `new CallbackDispatcherError(ErrorCode.X, 'short message')`. */
export class CallbackDispatcherError extends DomainError {
  static operatorRequired(): CallbackDispatcherError {
    return new CallbackDispatcherError(
      ErrorCode.AppAdminRequired,
      'dead letters are for the platform operator',
    );
  }

  static appAdminRequired(): CallbackDispatcherError {
    return new CallbackDispatcherError(
      ErrorCode.AppAdminRequired,
      "an app's deliveries are for its admin",
    );
  }
}
