import type { MemberChangeNotification } from '@im/contracts';

import type { Actor } from './group-actor.model';
import type { InfoChange } from './group-info.rules';
import { factNotification } from './group-permissions.rules';
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

/** The fact of a base-info change (`group.evt.info-changed`): the fields that changed and the new values. */
export function infoChangedFact(
  updated: GroupRow,
  actor: Actor,
  change: Pick<InfoChange, 'changedFields' | 'changedKeys'>,
) {
  return {
    ...groupEventBase(updated, actor, factNotification(updated.isActive)),
    changedFields: change.changedFields,
    infoSeq: updated.infoSeq,
    name: updated.name,
    introduction: updated.introduction,
    notificationText: updated.notification,
    faceUrl: updated.faceUrl,
    maxMemberNum: updated.maxMemberNum,
    applyJoinOption: updated.applyJoinOption,
    muteAllMember: updated.muteAll,
    customDataKeys: change.changedKeys,
  };
}
