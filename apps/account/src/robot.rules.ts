import { AccountLimits, ErrorCode, isRobotId, ROBOT_ID_PREFIX } from '@im/contracts';

import { AccountError } from './account.errors';

/** A robot's UserID must start with `@RBT#` (10004, as Tencent's create_robot/delete_robot). */
export function assertRobotId(userId: string): void {
  if (!isRobotId(userId) || userId.length === ROBOT_ID_PREFIX.length) {
    throw new AccountError(
      ErrorCode.GroupInvalidParameter,
      `a robot's UserID must start with ${ROBOT_ID_PREFIX}`,
    );
  }
}

/**
 * An app has at most 20 robots (10008). Creating one that already exists is not a new robot
 * (Tencent: creating the same UserID twice makes one robot).
 */
export function assertRobotCapacity(existing: readonly string[], userId: string): void {
  if (existing.includes(userId)) return;
  if (existing.length >= AccountLimits.robotsPerAppMax) {
    throw new AccountError(
      ErrorCode.GroupIllegalRequest,
      `an app has at most ${AccountLimits.robotsPerAppMax} robots`,
    );
  }
}
