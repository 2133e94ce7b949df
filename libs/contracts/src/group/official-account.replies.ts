import type { OfficialAccountSubscriberView, OfficialAccountView } from './official-account.view';

/** `create_official_account`: the (generated or given) ID. */
export class CreateOfficialAccountReply {
  officialAccountId!: string;
}

/** `get_official_account_info`: one item per requested ID, in request order. */
export class OfficialAccountsReply {
  items!: { officialAccountId: string; errorCode: number; account?: OfficialAccountView }[];
}

/** `add_subscriber` / `delete_subscriber`: 0 failed, 1 done, 2 already so. */
export class SubscriberResultsReply {
  results!: { userId: string; result: 0 | 1 | 2 }[];
}

/** `get_subscriber_info`: a page and the cursor of the next ("" = no more). */
export class SubscribersPageReply {
  next!: string;
  subscriberNum!: number;
  subscribers!: OfficialAccountSubscriberView[];
}

/** `get_subscribed_official_account_list`: a page of the user's subscriptions. */
export class SubscribedAccountsReply {
  totalCount!: number;
  items!: { account: OfficialAccountView; self: OfficialAccountSubscriberView }[];
}
