import type { MemberChangeNotification } from '@im/contracts';

import type { Actor } from './group.actor';
import type { GroupRow } from './group.schema';

/** The part every group fact shares (see `GroupEvent` in libs/contracts). */
export function groupEventBase(
  row: Pick<GroupRow, 'sdkAppId' | 'groupId' | 'type'>,
  actor: Actor,
  notification: MemberChangeNotification,
) {
  return {
    sdkAppId: row.sdkAppId,
    groupId: row.groupId,
    groupType: row.type,
    operatorId: actor.operatorId,
    byAppAdmin: actor.isAppAdmin,
    notification,
  };
}
