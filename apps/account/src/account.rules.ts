import { AccountLimits, AccountToImport, IdLimits, isValidUserId, utf8Length } from '@im/contracts';

/**
 * Why one account of a batch import cannot be imported, or undefined when it can. A null nick
 * or face URL means none was given (the contract's `@IsOptional` lets null through).
 */
export function importItemProblem(item: AccountToImport): string | undefined {
  if (!isValidUserId(item.userId)) {
    return `UserID must be 1..${IdLimits.userIdMaxBytes} bytes without control characters`;
  }
  if (item.nick != null && utf8Length(item.nick) > AccountLimits.nickMaxBytes) {
    return `Nick must be at most ${AccountLimits.nickMaxBytes} bytes`;
  }
  if (item.faceUrl != null && utf8Length(item.faceUrl) > AccountLimits.faceUrlMaxBytes) {
    return `FaceUrl must be at most ${AccountLimits.faceUrlMaxBytes} bytes`;
  }
  return undefined;
}

/** The distinct values of a list, in order of first appearance. */
export function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The batch with repeated user IDs dropped (the first occurrence wins). */
export function distinctByUserId<T extends { userId: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.userId) ? false : (seen.add(i.userId), true)));
}
