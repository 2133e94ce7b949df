import type { OfficialAccountSubscriberView, OfficialAccountView } from '@im/contracts';

/** An official account in Tencent's field names, limited to `filter` when given. */
export function officialAccountFields(
  a: OfficialAccountView,
  filter?: readonly string[],
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    CreateTime: a.createTime,
    Name: a.name,
    Owner_Account: a.ownerAccount,
    LastMsgTime: a.lastMsgTime,
    SubscriberNum: a.subscriberNum,
    Introduction: a.introduction,
    FaceUrl: a.faceUrl,
    Organization: a.organization,
    CustomString: a.customString,
    MaxSubscriberNum: a.maxSubscriberNum,
  };
  return { Official_Account: a.officialAccountId, ...pick(all, filter) };
}

/** A subscriber's own fields (`SelfInfo`), limited to `filter` when given. */
export function subscriberSelfFields(
  s: OfficialAccountSubscriberView,
  filter?: readonly string[],
): Record<string, unknown> {
  return pick(
    { SubscribeTime: s.subscribeTime, CustomString: s.customString, MsgFlag: s.msgFlag },
    filter,
  );
}

/** One `SubscriberList` item of get_subscriber_info. */
export function subscriberFields(s: OfficialAccountSubscriberView): Record<string, unknown> {
  return {
    Subscriber_Account: s.userId,
    SubscribeTime: s.subscribeTime,
    CustomString: s.customString,
    MsgFlag: s.msgFlag,
    LastSendMsgTime: s.lastSendMsgTime,
  };
}

function pick(all: Record<string, unknown>, filter?: readonly string[]): Record<string, unknown> {
  if (!filter || filter.length === 0) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => filter.includes(k)));
}
