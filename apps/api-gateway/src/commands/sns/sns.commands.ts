import { RelationRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import { BlackListGetDto, BlackListUsersDto } from './black-list.dto';
import { ADD_TYPES, FriendAddDto } from './friend-add.dto';
import {
  BLACK_CHECK_TYPES,
  BlackListCheckDto,
  FRIEND_CHECK_TYPES,
  FriendCheckDto,
} from './friend-check.dto';
import { DELETE_TYPES, FriendDeleteAllDto, FriendDeleteDto } from './friend-delete.dto';
import { FriendGetDto, FriendGetListDto } from './friend-get.dto';
import { GroupAddDto, GroupDeleteDto, GroupGetDto } from './friend-group.dto';
import { FriendImportDto } from './friend-import.dto';
import { FriendUpdateDto } from './friend-update.dto';
import {
  batchResponse,
  failAccount,
  fromTagValues,
  toCheckItems,
  toResultItems,
  toTagValues,
} from './sns.mapper';

const SNS = 'sns';

/** friend_get and its old name friend_get_all share everything but the name. */
function friendGet(command: string): RestCommand {
  return restCommand({
    service: SNS,
    command,
    dto: FriendGetDto,
    subject: RelationRpc.GetFriends,
    toRequest: (d) => ({
      userId: d.From_Account,
      startIndex: d.StartIndex,
      standardSequence: d.StandardSequence,
      customSequence: d.CustomSequence,
    }),
    toResponse: (r) => ({
      UserDataItem: r.friends.map((f) => ({
        To_Account: f.userId,
        ValueItem: toTagValues(f.items),
      })),
      StandardSequence: r.standardSequence,
      CustomSequence: r.customSequence,
      FriendNum: r.friendCount,
      CompleteFlag: r.isComplete ? 1 : 0,
      NextStartIndex: r.nextStartIndex,
      ErrorDisplay: '',
    }),
  });
}

/** The `sns` service's commands (docs/rest-api.md §6). */
export const snsCommands: RestCommand[] = [
  restCommand({
    service: SNS,
    command: 'friend_add',
    dto: FriendAddDto,
    subject: RelationRpc.AddFriends,
    toRequest: (d) => ({
      userId: d.From_Account,
      items: d.AddFriendItem.map((i) => ({
        toUserId: i.To_Account,
        addSource: i.AddSource,
        remark: i.Remark,
        groupName: i.GroupName,
        addWording: i.AddWording,
      })),
      addType: d.AddType ? ADD_TYPES[d.AddType] : undefined,
      force: d.ForceAddFlags === 1,
    }),
    toResponse: (r) => batchResponse(r.results),
  }),
  restCommand({
    service: SNS,
    command: 'friend_import',
    dto: FriendImportDto,
    subject: RelationRpc.ImportFriends,
    toRequest: (d) => ({
      userId: d.From_Account,
      items: d.AddFriendItem.map((i) => ({
        toUserId: i.To_Account,
        addSource: i.AddSource,
        remark: i.Remark,
        remarkTime: i.RemarkTime,
        groupNames: i.GroupName,
        addWording: i.AddWording,
        addTime: i.AddTime,
        customItems: fromTagValues(i.CustomItem),
      })),
    }),
    toResponse: (r) => batchResponse(r.results),
  }),
  restCommand({
    service: SNS,
    command: 'friend_update',
    dto: FriendUpdateDto,
    subject: RelationRpc.UpdateFriends,
    toRequest: (d) => ({
      userId: d.From_Account,
      items: d.UpdateItem.map((i) => ({
        toUserId: i.To_Account,
        items: fromTagValues(i.SnsItem) ?? [],
      })),
    }),
    toResponse: (r) => batchResponse(r.results),
  }),
  restCommand({
    service: SNS,
    command: 'friend_delete',
    dto: FriendDeleteDto,
    subject: RelationRpc.DeleteFriends,
    toRequest: (d) => ({
      userId: d.From_Account,
      toUserIds: d.To_Account,
      deleteType: d.DeleteType ? DELETE_TYPES[d.DeleteType] : undefined,
    }),
    toResponse: (r) => batchResponse(r.results),
  }),
  restCommand({
    service: SNS,
    command: 'friend_delete_all',
    dto: FriendDeleteAllDto,
    subject: RelationRpc.DeleteAllFriends,
    toRequest: (d) => ({
      userId: d.From_Account,
      deleteType: d.DeleteType ? DELETE_TYPES[d.DeleteType] : undefined,
    }),
    toResponse: () => ({ ErrorDisplay: '' }),
  }),
  restCommand({
    service: SNS,
    command: 'friend_check',
    dto: FriendCheckDto,
    subject: RelationRpc.CheckFriends,
    toRequest: (d) => ({
      userId: d.From_Account,
      toUserIds: d.To_Account,
      checkType: FRIEND_CHECK_TYPES[d.CheckType],
    }),
    toResponse: (r) => ({
      InfoItem: toCheckItems(r.results, 'friend'),
      ...failAccount(r.results),
      ErrorDisplay: '',
    }),
  }),
  friendGet('friend_get'),
  friendGet('friend_get_all'),
  restCommand({
    service: SNS,
    command: 'friend_get_list',
    dto: FriendGetListDto,
    subject: RelationRpc.GetFriendProfiles,
    toRequest: (d) => ({ userId: d.From_Account, toUserIds: d.To_Account, tags: d.TagList }),
    toResponse: (r) => ({
      InfoItem: r.results.map((i) => ({
        To_Account: i.userId,
        SnsProfileItem: toTagValues(i.items),
        ResultCode: i.code,
        ResultInfo: i.message,
      })),
      ...failAccount(r.results),
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: SNS,
    command: 'black_list_add',
    dto: BlackListUsersDto,
    subject: RelationRpc.AddToBlacklist,
    toRequest: (d) => ({ userId: d.From_Account, toUserIds: d.To_Account }),
    toResponse: (r) => batchResponse(r.results),
  }),
  restCommand({
    service: SNS,
    command: 'black_list_delete',
    dto: BlackListUsersDto,
    subject: RelationRpc.RemoveFromBlacklist,
    toRequest: (d) => ({ userId: d.From_Account, toUserIds: d.To_Account }),
    toResponse: (r) => batchResponse(r.results),
  }),
  restCommand({
    service: SNS,
    command: 'black_list_get',
    dto: BlackListGetDto,
    subject: RelationRpc.GetBlacklist,
    toRequest: (d) => ({
      userId: d.From_Account,
      startIndex: d.StartIndex,
      maxCount: d.MaxLimited,
      lastSequence: d.LastSequence,
    }),
    // Tencent's protocol spells it CurruentSequence; some SDKs read CurrentSequence: both.
    toResponse: (r) => ({
      BlackListItem: r.entries.map((e) => ({ To_Account: e.userId, AddBlackTimeStamp: e.addedAt })),
      StartIndex: r.nextStartIndex,
      CurruentSequence: r.sequence,
      CurrentSequence: r.sequence,
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: SNS,
    command: 'black_list_check',
    dto: BlackListCheckDto,
    subject: RelationRpc.CheckBlacklist,
    toRequest: (d) => ({
      userId: d.From_Account,
      toUserIds: d.To_Account,
      checkType: BLACK_CHECK_TYPES[d.CheckType],
    }),
    toResponse: (r) => ({
      BlackListCheckItem: toCheckItems(r.results, 'blacklist'),
      ...failAccount(r.results),
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: SNS,
    command: 'group_add',
    dto: GroupAddDto,
    subject: RelationRpc.CreateFriendLists,
    toRequest: (d) => ({ userId: d.From_Account, names: d.GroupName, toUserIds: d.To_Account }),
    toResponse: (r) => ({
      ResultItem: toResultItems(r.results),
      CurrentSequence: r.sequence,
      ...failAccount(r.results),
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: SNS,
    command: 'group_delete',
    dto: GroupDeleteDto,
    subject: RelationRpc.DeleteFriendLists,
    toRequest: (d) => ({ userId: d.From_Account, names: d.GroupName }),
    toResponse: (r) => ({ CurrentSequence: r.sequence, ErrorDisplay: '' }),
  }),
  restCommand({
    service: SNS,
    command: 'group_get',
    dto: GroupGetDto,
    subject: RelationRpc.GetFriendLists,
    toRequest: (d) => ({
      userId: d.From_Account,
      lastSequence: d.LastSequence,
      withFriends: d.NeedFriend === 'Need_Friend_Type_Yes',
      names: d.GroupName,
    }),
    toResponse: (r, d) => ({
      ResultItem: r.lists.map((l) => ({
        GroupName: l.name,
        FriendNumber: l.friendCount,
        ...(d.NeedFriend === 'Need_Friend_Type_Yes' && { To_Account: l.friendIds ?? [] }),
      })),
      CurrentSequence: r.sequence,
    }),
  }),
];
