import { DomainError, ErrorCode } from '@im/contracts';

/** Errors of the console operators (docs/error-codes.md, admin console). */
export class OperatorError extends DomainError {
  static sessionInvalid(): OperatorError {
    return new OperatorError(
      ErrorCode.ConsoleSessionInvalid,
      'not logged in, or the session expired',
    );
  }

  static loginFailed(): OperatorError {
    return new OperatorError(ErrorCode.ConsoleLoginFailed, 'wrong operator name or password');
  }

  static throttled(): OperatorError {
    return new OperatorError(
      ErrorCode.ConsoleLoginThrottled,
      'too many failed logins; try again later',
    );
  }

  static csrfInvalid(): OperatorError {
    return new OperatorError(ErrorCode.ConsoleCsrfInvalid, 'the CSRF token is missing or wrong');
  }
}
