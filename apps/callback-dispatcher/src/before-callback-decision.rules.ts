import { AppDefinedCodeRanges, ErrorCode } from '@im/contracts';
import type {
  BeforeCallbackCommand,
  BeforeCallbackFailure,
  BeforeCallbackReply,
  CallbackMsgElement,
  FriendCallbackResult,
  MessageRewrite,
} from '@im/contracts';

import type { CallbackHttpResult } from './callback-http-result.model';

type CodeRange = { readonly min: number; readonly max: number };

/** How each before-callback's `ErrorCode` is read (docs/callbacks.md §2). */
interface DecisionRules {
  /** The code the client gets for ErrorCode 1. */
  rejectCode?: number;
  /** App-defined codes passed to the client as they are. */
  appCodes?: CodeRange;
  /** ErrorCode 2 discards silently (send-message commands; unconfirmed). */
  discard?: boolean;
  /** `MsgBody` / `CloudCustomData` of the answer replace the message's. */
  rewrite?: boolean;
  /** The answer's list of users refused (`RefusedMembers_Account`, `RefusedSubscribers_Account`). */
  refusedField?: 'RefusedMembers_Account' | 'RefusedSubscribers_Account';
  /** Only 0 is a valid top-level code; per-friend decisions are in `ResultItem`. */
  friendResults?: boolean;
}

const GROUP_REJECT = { rejectCode: ErrorCode.GroupCallbackRejected };
const GROUP_APP_CODES = { appCodes: AppDefinedCodeRanges.groupBefore };

export const DECISION_RULES: Record<BeforeCallbackCommand, DecisionRules> = {
  'C2C.CallbackBeforeSendMsg': {
    rejectCode: ErrorCode.C2cCallbackRejected,
    appCodes: AppDefinedCodeRanges.c2cBeforeSend,
    discard: true,
    rewrite: true,
  },
  'Group.CallbackBeforeSendMsg': {
    ...GROUP_REJECT,
    ...GROUP_APP_CODES,
    discard: true,
    rewrite: true,
  },
  'Group.CallbackBeforeCreateGroup': { ...GROUP_REJECT, ...GROUP_APP_CODES },
  'Group.CallbackBeforeApplyJoinGroup': { ...GROUP_REJECT, ...GROUP_APP_CODES },
  'Group.CallbackBeforeInviteJoinGroup': {
    ...GROUP_REJECT,
    ...GROUP_APP_CODES,
    refusedField: 'RefusedMembers_Account',
  },
  'Group.CallbackBeforeCreateTopic': { ...GROUP_REJECT, ...GROUP_APP_CODES },
  // Tencent's page 1047/60799: 0 goes on (but for `RefusedSubscribers_Account`), 1 refuses
  'OfficialAccount.CallbackBeforeAddSubscriber': {
    ...GROUP_REJECT,
    refusedField: 'RefusedSubscribers_Account',
  },
  // Tencent's page 1047/60803: read like the group before-send (refuse, discard, rewrite)
  'OfficialAccount.CallbackBeforeSendMsg': {
    ...GROUP_REJECT,
    ...GROUP_APP_CODES,
    discard: true,
    rewrite: true,
  },
  'Sns.CallbackPrevFriendAdd': { friendResults: true },
  'Sns.CallbackPrevFriendResponse': { friendResults: true },
};

const failOpen = (reason: BeforeCallbackFailure): BeforeCallbackReply => ({
  decision: 'allow',
  failedOpen: reason,
});

/**
 * The decision an app's answer means (docs/callbacks.md §1.2, §1.3, §2). Anything that is not a
 * documented answer — timeout, connection failure, a status other than 200, a body that is not
 * a JSON object, `ActionStatus` other than `OK`, an undocumented `ErrorCode` — lets the event
 * through (fail open).
 */
export function decideBeforeCallback(
  command: BeforeCallbackCommand,
  result: CallbackHttpResult,
): BeforeCallbackReply {
  if (result.kind === 'timeout') return failOpen('timeout');
  if (result.kind === 'error') return failOpen('connect-failed');
  if (result.status !== 200) return failOpen('http-status');
  const answer = parseObject(result.body);
  if (!answer || answer.ActionStatus !== 'OK') return failOpen('invalid-reply');
  const code = integerOf(answer.ErrorCode);
  if (code === undefined) return failOpen('invalid-reply');
  const info = typeof answer.ErrorInfo === 'string' ? answer.ErrorInfo : '';
  const rules = DECISION_RULES[command];

  if (rules.friendResults) {
    if (code !== 0) return failOpen('invalid-reply');
    const friendResults = friendResultsOf(answer.ResultItem);
    return friendResults.length ? { decision: 'allow', friendResults } : { decision: 'allow' };
  }
  if (code === 0) {
    if (rules.rewrite) {
      const rewrite = rewriteOf(answer);
      if (rewrite) return { decision: 'rewrite', rewrite };
    }
    if (rules.refusedField) {
      const refused = refusedMembersOf(answer[rules.refusedField]);
      if (refused.length) return { decision: 'allow', refusedMembers: refused };
    }
    return { decision: 'allow' };
  }
  if (code === 1 && rules.rejectCode !== undefined)
    return { decision: 'reject', code: rules.rejectCode, info };
  if (code === 2 && rules.discard) return { decision: 'discard' };
  if (rules.appCodes && code >= rules.appCodes.min && code <= rules.appCodes.max)
    return { decision: 'reject', code, info };
  return failOpen('invalid-reply');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** An integer, also when sent as a string of digits. */
function integerOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function isMsgElement(value: unknown): value is CallbackMsgElement {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.MsgType === 'string' &&
    typeof v.MsgContent === 'object' &&
    v.MsgContent !== null &&
    !Array.isArray(v.MsgContent)
  );
}

/** The replacement fields of an answer with ErrorCode 0; malformed ones are ignored. */
function rewriteOf(answer: Record<string, unknown>): MessageRewrite | undefined {
  const rewrite: MessageRewrite = {};
  const body = answer.MsgBody;
  if (Array.isArray(body) && body.length > 0 && body.every(isMsgElement)) {
    rewrite.MsgBody = body.map((e) => ({ MsgType: e.MsgType, MsgContent: e.MsgContent }));
  }
  if (typeof answer.CloudCustomData === 'string') rewrite.CloudCustomData = answer.CloudCustomData;
  return Object.keys(rewrite).length ? rewrite : undefined;
}

function refusedMembersOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}

function friendResultsOf(value: unknown): FriendCallbackResult[] {
  if (!Array.isArray(value)) return [];
  const results: FriendCallbackResult[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const i = item as Record<string, unknown>;
    const code = integerOf(i.ResultCode);
    if (typeof i.To_Account !== 'string' || code === undefined) continue;
    results.push({
      toAccount: i.To_Account,
      code,
      info: typeof i.ResultInfo === 'string' ? i.ResultInfo : '',
    });
  }
  return results;
}
