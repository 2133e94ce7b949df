import { GroupRpc } from '@im/contracts';

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
];
