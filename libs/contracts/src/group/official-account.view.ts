import type { OfficialAccountMsgFlag } from './official-account.limits';

/** An official account as its readers see it; times in epoch seconds. */
export class OfficialAccountView {
  officialAccountId!: string;
  ownerAccount!: string;
  name!: string;
  introduction!: string;
  faceUrl!: string;
  organization!: string;
  customString!: string;
  maxSubscriberNum!: number;
  subscriberNum!: number;
  createTime!: number;
  /** 0 until a message is sent. */
  lastMsgTime!: number;
}

/** One subscriber of an official account. */
export class OfficialAccountSubscriberView {
  userId!: string;
  subscribeTime!: number;
  customString!: string;
  msgFlag!: OfficialAccountMsgFlag;
  /** 0 until the subscriber sends to the account. */
  lastSendMsgTime!: number;
}
