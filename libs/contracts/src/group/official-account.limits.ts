/**
 * Tencent's limits for official accounts (`official_account_open_http_svc`): an ID starts with
 * `@TOA#_` and has at most 48 bytes; texts are bounded in UTF-8 bytes.
 */
export const OfficialAccountLimits = {
  idPrefix: '@TOA#_',
  idMaxBytes: 48,
  nameMaxBytes: 150,
  introductionMaxBytes: 400,
  faceUrlMaxBytes: 500,
  organizationMaxBytes: 500,
  customStringMaxBytes: 3000,
  subscriberCustomStringMaxBytes: 3000,
  defaultMaxSubscriberNum: 100000,
  maxSubscriberNum: 100000,
  infoBatchMax: 50,
  subscriberBatchMax: 100,
  subscriberPageMax: 200,
  subscribedPageMax: 200,
} as const;

/** A subscriber's message receiving option (Tencent's `MsgFlag`). */
export const OfficialAccountMsgFlags = ['AcceptAndNotify', 'AcceptNotNotify', 'Discard'] as const;
export type OfficialAccountMsgFlag = (typeof OfficialAccountMsgFlags)[number];

/** An official account's ID (`@TOA#_...`): its messages are not group messages to callbacks. */
export function isOfficialAccountId(id: string): boolean {
  return id.startsWith(OfficialAccountLimits.idPrefix);
}

/** An official account message's `MsgKey`: `{MsgSeq}_1_{MsgTime}` (Tencent's "Seq_1_ServerTime"). */
export function officialAccountMsgKey(seq: number, time: number): string {
  return `${seq}_1_${time}`;
}
