import { RelationEvt } from '@im/contracts';
import type { EventOf, FriendPairsBody, ProfileChangedEvent, ProfileItem } from '@im/contracts';

import { adminOf, pending, reported } from './after-callback-body.mapper';
import type { AfterCallback, EventOrigin, FamilyMappers } from './after-callback-body.mapper';

/** The portrait-set callback of a profile change, with the values read after it (§4.2). */
export function portraitSetCallback(
  event: ProfileChangedEvent,
  items: readonly ProfileItem[],
  origin: EventOrigin,
): AfterCallback {
  return reported('Profile.CallbackPortraitSet', event, origin, {
    Operator_Account: event.operatorId ?? origin.callerId ?? event.userId,
    From_Account: event.userId,
    ProfileItem: items.map((i) => ({ Tag: i.tag, Value: i.value })),
  });
}

/** `Sns.CallbackFriendAdd` (§4.5). */
function friendsAdded(
  event: EventOf<typeof RelationEvt.FriendsAdded>,
  origin: EventOrigin,
): AfterCallback[] {
  // friend_import fires no callback (docs/callbacks.md §1.3: imports in general do not).
  if (event.via === 'import') return [];
  const hints = pending(event);
  const user = origin.role === 'user' ? origin.callerId : undefined;
  const initiator = (friendId: string): string => {
    if (hints.initiatorId) return hints.initiatorId;
    // Accepting: the one who asked first, i.e. not the accepting caller.
    if (event.via === 'accept') return user === event.userId ? friendId : event.userId;
    return user ?? event.userId;
  };
  return [
    reported('Sns.CallbackFriendAdd', event, origin, {
      ClientCmd: event.via === 'accept' ? 'friend_response' : 'friend_add',
      Admin_Account: adminOf(origin),
      ForceFlag: hints.force ? 1 : 0,
      PairList: event.friendIds.map((friendId) => ({
        From_Account: event.userId,
        To_Account: friendId,
        Initiator_Account: initiator(friendId),
      })),
    }),
  ];
}

/** A callback of pairs from the event's user to each of `toIds` (§4.6). */
function pairsOf(
  command: FriendPairsBody['CallbackCommand'],
  event: { userId: string; occurredAt: string },
  toIds: readonly string[],
  origin: EventOrigin,
): AfterCallback {
  const PairList = toIds.map((to) => ({ From_Account: event.userId, To_Account: to }));
  return reported(command, event, origin, { PairList });
}

function friendsDeleted(
  event: EventOf<typeof RelationEvt.FriendsDeleted>,
  origin: EventOrigin,
): AfterCallback[] {
  // Deleting the account removes its friendships without a friend_delete.
  if (event.via === 'account-deleted') return [];
  return [pairsOf('Sns.CallbackFriendDelete', event, event.friendIds, origin)];
}

function blacklistChanged(
  event: EventOf<typeof RelationEvt.BlacklistChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  const out: AfterCallback[] = [];
  if (event.addedUserIds.length)
    out.push(pairsOf('Sns.CallbackBlackListAdd', event, event.addedUserIds, origin));
  if (event.removedUserIds.length)
    out.push(pairsOf('Sns.CallbackBlackListDelete', event, event.removedUserIds, origin));
  return out;
}

/** The relation chain: friends added and deleted, the blacklist changed. */
export const RELATION_MAPPERS: FamilyMappers<'relation'> = {
  [RelationEvt.FriendsAdded]: friendsAdded,
  [RelationEvt.FriendsDeleted]: friendsDeleted,
  [RelationEvt.BlacklistChanged]: blacklistChanged,
};
