import { Injectable } from '@nestjs/common';

import { GroupEvt } from '@im/contracts';
import { TurnBatcher } from '@im/platform';

import { groupEventBase } from './group-events.mapper';
import type { LoadedGroup } from './group-loader.service';
import { memberChangeNotification } from './group-permissions.rules';
import { GroupTransactions } from './group-transactions.db';
import { roomKey } from './room-join-batch.service';
import { RoomMemberStore } from './room-member.store';

/**
 * Viewers quitting a room group (AVChatRoom, BChatRoom), batched like the joins: every quit from
 * one room that arrives in one event-loop turn is one Redis transaction removing them all, and
 * one `group.evt.member-left` fact naming them (`userIds`, in quit order; each is its own
 * operator, `operatorId` names the first), so the message service pushes one coalesced notice
 * per batch and the callback dispatcher one `Group.CallbackAfterMemberExit` per viewer.
 */
@Injectable()
export class RoomLeaveBatcher {
  private readonly batcher = new TurnBatcher<LoadedGroup, string, boolean>((loaded, userIds) =>
    this.run(loaded, userIds),
  );

  constructor(
    private readonly rooms: RoomMemberStore,
    private readonly writes: GroupTransactions,
  ) {}

  /** Takes a viewer out of a room with the other quits of this turn; false when not a member. */
  remove(loaded: LoadedGroup, userId: string): Promise<boolean> {
    return this.batcher.add(roomKey(loaded), loaded, userId);
  }

  private async run({ row, caps }: LoadedGroup, userIds: string[]): Promise<boolean[]> {
    const removed = await this.rooms.leave(row.sdkAppId, row.groupId, [...new Set(userIds)]);
    if (removed.length) {
      const first = removed[0];
      await this.writes.emit(GroupEvt.MemberLeft, {
        ...groupEventBase(
          row,
          { isAppAdmin: false, userId: first, operatorId: first },
          memberChangeNotification(caps, true),
        ),
        userIds: removed,
        leaveKind: 'quit',
      });
    }
    // The same viewer twice in one turn: the first quit removed them, the second finds no member.
    const pending = new Set(removed);
    return userIds.map((userId) => pending.delete(userId));
  }
}
