import { DomainError, ErrorCode } from '@im/contracts';

/** Errors of the account service. */
export class AccountError extends DomainError {
  static notImported(userId: string): AccountError {
    return new AccountError(ErrorCode.AccountNotImported, `account ${userId} is not imported`);
  }

  static appNotFound(sdkAppId: number): AccountError {
    return new AccountError(ErrorCode.SdkAppIdNotFound, `app ${sdkAppId} does not exist`);
  }

  static appExists(sdkAppId: number): AccountError {
    return new AccountError(ErrorCode.SdkAppIdInvalid, `app ${sdkAppId} already exists`);
  }

  static adminRequired(): AccountError {
    return new AccountError(ErrorCode.AccountAdminRequired, 'this command needs the app admin');
  }

  static operatorRequired(): AccountError {
    return new AccountError(
      ErrorCode.AccountAdminRequired,
      'this command needs the platform operator',
    );
  }

  static invalid(message: string): AccountError {
    return new AccountError(ErrorCode.AccountInvalidParameters, message);
  }
}
