import { GroupRpc, MessageRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import {
  CreateOfficialAccountDto,
  GetOfficialAccountInfoDto,
  GetSubscribedOfficialAccountListDto,
  GetSubscriberInfoDto,
  ModifyOfficialAccountDto,
  ModifySubscriberInfoDto,
  OfficialAccountDto,
  SubscriberListDto,
} from './official-account.dto';
import {
  OfficialAccountMsgGetSimpleDto,
  OfficialAccountMsgRecallDto,
  officialMsgKey,
  SendOfficialAccountMsgDto,
  seqOfOfficialMsgKey,
} from './official-account-msg.dto';
import {
  officialAccountFields,
  subscriberFields,
  subscriberSelfFields,
} from './official-account.mapper';

const OA = 'official_account_open_http_svc';

const subscriberResults = (r: { results: { userId: string; result: number }[] }) => ({
  SubscriberList: r.results.map((x) => ({ Subscriber_Account: x.userId, Result: x.result })),
});

/** `official_account_open_http_svc`: official accounts and their subscribers (docs/rest-api.md). */
export const officialAccountCommands = [
  restCommand({
    service: OA,
    command: 'create_official_account',
    dto: CreateOfficialAccountDto,
    subject: GroupRpc.CreateOfficialAccount,
    toRequest: (d) => ({
      officialAccountId: d.OfficialAccountUserID,
      ownerAccount: d.Owner_Account,
      name: d.Name,
      introduction: d.Introduction,
      faceUrl: d.FaceUrl,
      organization: d.Organization,
      customString: d.CustomString,
      maxSubscriberNum: d.MaxSubscriberNum,
    }),
    toResponse: (r) => ({ OfficialAccountUserID: r.officialAccountId }),
  }),
  restCommand({
    service: OA,
    command: 'get_official_account_info',
    dto: GetOfficialAccountInfoDto,
    subject: GroupRpc.GetOfficialAccounts,
    toRequest: (d) => ({
      officialAccountIds: d.OfficialAccountIdList.map((x) => x.Official_Account),
    }),
    toResponse: (r, d) => ({
      OfficialAccountInfoList: r.items.map((item) =>
        item.account
          ? {
              ...officialAccountFields(
                item.account,
                d.ResponseFilter?.OfficialAccountBaseInfoFilter,
              ),
              ErrorCode: 0,
              ErrorInfo: '',
            }
          : {
              Official_Account: item.officialAccountId,
              ErrorCode: item.errorCode,
              ErrorInfo: 'official account does not exist',
            },
      ),
    }),
  }),
  restCommand({
    service: OA,
    command: 'modify_official_account_base_info',
    dto: ModifyOfficialAccountDto,
    subject: GroupRpc.ModifyOfficialAccount,
    toRequest: (d) => ({
      officialAccountId: d.Official_Account,
      name: d.Name,
      introduction: d.Introduction,
      faceUrl: d.FaceUrl,
      organization: d.Organization,
      customString: d.CustomString,
      maxSubscriberNum: d.MaxSubscriberNum,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: OA,
    command: 'destroy_official_account',
    dto: OfficialAccountDto,
    subject: GroupRpc.DestroyOfficialAccount,
    toRequest: (d) => ({ officialAccountId: d.Official_Account }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: OA,
    command: 'add_subscriber',
    dto: SubscriberListDto,
    subject: GroupRpc.AddSubscribers,
    toRequest: (d) => ({
      officialAccountId: d.Official_Account,
      userIds: d.SubscriberList.map((x) => x.Subscriber_Account),
    }),
    toResponse: subscriberResults,
  }),
  restCommand({
    service: OA,
    command: 'delete_subscriber',
    dto: SubscriberListDto,
    subject: GroupRpc.DeleteSubscribers,
    toRequest: (d) => ({
      officialAccountId: d.Official_Account,
      userIds: d.SubscriberList.map((x) => x.Subscriber_Account),
    }),
    toResponse: subscriberResults,
  }),
  restCommand({
    service: OA,
    command: 'modify_subscriber_info',
    dto: ModifySubscriberInfoDto,
    subject: GroupRpc.ModifySubscriber,
    toRequest: (d) => ({
      officialAccountId: d.Official_Account,
      userId: d.Subscriber_Account,
      customString: d.CustomString,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: OA,
    command: 'get_subscriber_info',
    dto: GetSubscriberInfoDto,
    subject: GroupRpc.GetSubscribers,
    toRequest: (d) => ({ officialAccountId: d.Official_Account, limit: d.Limit, next: d.Next }),
    toResponse: (r) => ({
      Next: r.next,
      SubscriberNum: r.subscriberNum,
      SubscriberList: r.subscribers.map(subscriberFields),
    }),
  }),
  restCommand({
    service: OA,
    command: 'get_subscribed_official_account_list',
    dto: GetSubscribedOfficialAccountListDto,
    subject: GroupRpc.GetSubscribedAccounts,
    toRequest: (d) => ({ userId: d.Subscriber_Account, limit: d.Limit, offset: d.Offset }),
    toResponse: (r, d) => ({
      TotalCount: r.totalCount,
      OfficialAccountInfoList: r.items.map((item) => ({
        ...officialAccountFields(item.account, d.ResponseFilter?.OfficialAccountBaseInfoFilter),
        SelfInfo: subscriberSelfFields(item.self, d.ResponseFilter?.SelfInfoFilter),
      })),
    }),
  }),
  restCommand({
    service: OA,
    command: 'send_official_account_msg',
    dto: SendOfficialAccountMsgDto,
    subject: MessageRpc.SendGroup,
    toRequest: (d) => ({
      groupId: d.Official_Account,
      random: d.Random,
      body: d.MsgBody,
      cloudCustomData: d.CloudCustomData,
      offlinePush: d.OfflinePushInfo,
    }),
    toResponse: (r) => ({
      MsgTime: r.time,
      MsgSeq: r.seq,
      MsgKey: officialMsgKey(r.seq, r.time),
    }),
  }),
  restCommand({
    service: OA,
    command: 'official_account_msg_get_simple',
    dto: OfficialAccountMsgGetSimpleDto,
    subject: MessageRpc.GetGroupHistory,
    toRequest: (d) => {
      const before = d.LastMsgKey ? seqOfOfficialMsgKey(d.LastMsgKey) - 1 : undefined;
      return {
        groupId: d.Official_Account,
        count: d.ReqMsgNumber ?? 20,
        maxSeq: before,
        withRecalled: true,
      };
    },
    toResponse: (r) => {
      const items = r.items.map((item) => {
        const time = item.message?.time ?? 0;
        return {
          From_Account: item.message?.from ?? '',
          IsPlaceMsg: item.placeholder,
          MsgBody: item.placeholder === 0 ? (item.message?.body ?? []) : [],
          MsgKey: officialMsgKey(item.seq, time),
          MsgRandom: item.message?.random ?? 0,
          MsgSeq: item.seq,
          MsgTimeStamp: time,
          ...(item.placeholder === 0 &&
            item.message?.cloudCustomData !== undefined && {
              CloudCustomData: item.message.cloudCustomData,
            }),
        };
      });
      const oldest = items[items.length - 1];
      return {
        Official_Account: r.groupId,
        IsFinished: r.finished === 0 ? 0 : 1,
        LastMsgKey: oldest ? oldest.MsgKey : '',
        RspMsgList: items,
      };
    },
  }),
  restCommand({
    service: OA,
    command: 'official_account_msg_recall',
    dto: OfficialAccountMsgRecallDto,
    subject: MessageRpc.RecallGroup,
    toRequest: (d) => ({
      groupId: d.Official_Account,
      seqs: d.MsgKeyList.map(seqOfOfficialMsgKey),
    }),
    toResponse: (r, d) => ({
      RecallRetList: r.results.map((x) => ({
        MsgKey: d.MsgKeyList.find((k) => seqOfOfficialMsgKey(k) === x.seq) ?? '',
        RetCode: x.code,
      })),
    }),
  }),
];
