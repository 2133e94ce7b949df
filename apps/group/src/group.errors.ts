import { DomainError, ErrorCode } from '@im/contracts';

/**
 * Errors of the group service: `new GroupError(ErrorCode.X, 'short message')`, or one of the
 * named cases below (codes of docs/error-codes.md §5; choices where the spec is silent are in the
 * README).
 */
export class GroupError extends DomainError {
  static notFound(groupId: string): GroupError {
    return new GroupError(ErrorCode.GroupNotFound, `group ${groupId} does not exist`);
  }

  static invalidGroupId(reason: string): GroupError {
    return new GroupError(ErrorCode.GroupIdInvalid, reason);
  }

  /**
   * A group text (name, introduction, notification, name card) holds one of the app's
   * sensitive words: 80001, the content-security code (docs/error-codes.md §1, common to all
   * services; the group family has no code of its own and group messages answer it too).
   */
  static sensitiveWords(field: string): GroupError {
    return new GroupError(ErrorCode.DirtyWords, `${field} contains a sensitive word`);
  }

  static invalid(message: string): GroupError {
    return new GroupError(ErrorCode.GroupInvalidParameter, message);
  }

  /**
   * The group type does not support the operation at all, for anyone (Tencent answers 10004,
   * e.g. delete_group_member on an AVChatRoom).
   */
  static unsupportedByType(type: string, operation: string): GroupError {
    return new GroupError(
      ErrorCode.GroupInvalidParameter,
      `${type} groups do not support ${operation}`,
    );
  }

  /** Not enough permission, or the group type does not allow the action (Table 7-1). */
  static forbidden(message: string): GroupError {
    return new GroupError(ErrorCode.GroupPermissionDenied, message);
  }

  static ownerCannotLeave(): GroupError {
    return new GroupError(
      ErrorCode.GroupOwnerCannotLeave,
      'the owner may not quit this group type; dismiss it instead',
    );
  }

  static full(limit: number): GroupError {
    return new GroupError(ErrorCode.GroupFull, `the group is full (${limit} members)`);
  }

  static accountNotFound(userIds: readonly string[]): GroupError {
    return new GroupError(
      ErrorCode.GroupAccountNotFound,
      `accounts not imported: ${userIds.slice(0, 10).join(', ')}`,
    );
  }

  static alreadyMember(userId: string): GroupError {
    return new GroupError(ErrorCode.AlreadyGroupMember, `${userId} is already a member`);
  }

  static userQuota(userIds: readonly string[], limit: number): GroupError {
    return new GroupError(
      ErrorCode.UserGroupQuotaExceeded,
      `already in ${limit} groups: ${userIds.slice(0, 10).join(', ')}`,
    );
  }

  static featureDisabled(type: string): GroupError {
    return new GroupError(
      ErrorCode.PremiumFeatureRequired,
      `${type} groups are not enabled for this app`,
    );
  }
}
