import { ErrorCode } from '@im/contracts';
import type { BeforeCallbackCommand } from '@im/contracts';

import { decideBeforeCallback } from './before-callback-decision.rules';
import type { CallbackHttpResult } from './callback-http-result.model';

const ok = (answer: unknown, status = 200): CallbackHttpResult => ({
  kind: 'response',
  status,
  body: typeof answer === 'string' ? answer : JSON.stringify(answer),
});
const answer = (ErrorCode: unknown, extra: Record<string, unknown> = {}) =>
  ok({ ActionStatus: 'OK', ErrorCode, ErrorInfo: 'nope', ...extra });

const C2C: BeforeCallbackCommand = 'C2C.CallbackBeforeSendMsg';
const GROUP_SEND: BeforeCallbackCommand = 'Group.CallbackBeforeSendMsg';
const CREATE: BeforeCallbackCommand = 'Group.CallbackBeforeCreateGroup';
const INVITE: BeforeCallbackCommand = 'Group.CallbackBeforeInviteJoinGroup';
const FRIEND: BeforeCallbackCommand = 'Sns.CallbackPrevFriendAdd';

describe(decideBeforeCallback.name, () => {
  describe('fails open', () => {
    it.each<[string, CallbackHttpResult, string]>([
      ['on a timeout', { kind: 'timeout' }, 'timeout'],
      ['when the connection fails', { kind: 'error', error: 'ECONNREFUSED' }, 'connect-failed'],
      ['on a status other than 200', ok({ ActionStatus: 'OK', ErrorCode: 1 }, 500), 'http-status'],
      ['on a 204', ok('', 204), 'http-status'],
      ['on a body that is not JSON', ok('<html>'), 'invalid-reply'],
      ['on a JSON array', ok('[1]'), 'invalid-reply'],
      ['on ActionStatus FAIL', ok({ ActionStatus: 'FAIL', ErrorCode: 1 }), 'invalid-reply'],
      ['without ErrorCode', ok({ ActionStatus: 'OK' }), 'invalid-reply'],
      ['on an undocumented code', answer(7), 'invalid-reply'],
      ['on a code outside the app range', answer(130001), 'invalid-reply'],
    ])('%s', (_name, result, reason) => {
      expect(decideBeforeCallback(C2C, result)).toEqual({ decision: 'allow', failedOpen: reason });
    });
  });

  describe('C2C.CallbackBeforeSendMsg', () => {
    it('allows on 0', () => {
      expect(decideBeforeCallback(C2C, answer(0))).toEqual({ decision: 'allow' });
    });

    it('rejects with 20006 on 1, passing ErrorInfo', () => {
      expect(decideBeforeCallback(C2C, answer(1))).toEqual({
        decision: 'reject',
        code: ErrorCode.C2cCallbackRejected,
        info: 'nope',
      });
    });

    it.each([120001, 125000, 130000])('rejects with the app code %i', (code) => {
      expect(decideBeforeCallback(C2C, answer(code))).toEqual({
        decision: 'reject',
        code,
        info: 'nope',
      });
    });

    it('does not take a group app code', () => {
      expect(decideBeforeCallback(C2C, answer(10100)).failedOpen).toBe('invalid-reply');
    });

    it('discards silently on 2', () => {
      expect(decideBeforeCallback(C2C, answer(2))).toEqual({ decision: 'discard' });
    });

    it('rewrites MsgBody and CloudCustomData with 0', () => {
      const MsgBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'filtered' } }];

      expect(decideBeforeCallback(C2C, answer(0, { MsgBody, CloudCustomData: 'c' }))).toEqual({
        decision: 'rewrite',
        rewrite: { MsgBody, CloudCustomData: 'c' },
      });
    });

    it('rewrites only CloudCustomData when MsgBody is absent', () => {
      expect(decideBeforeCallback(C2C, answer(0, { CloudCustomData: '' }))).toEqual({
        decision: 'rewrite',
        rewrite: { CloudCustomData: '' },
      });
    });

    it('ignores a malformed or empty MsgBody', () => {
      expect(decideBeforeCallback(C2C, answer(0, { MsgBody: [] }))).toEqual({ decision: 'allow' });
      expect(decideBeforeCallback(C2C, answer(0, { MsgBody: [{ MsgType: 'x' }] }))).toEqual({
        decision: 'allow',
      });
    });

    it('honours a rewrite only with 0', () => {
      const MsgBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }];

      expect(decideBeforeCallback(C2C, answer(1, { MsgBody })).decision).toBe('reject');
    });

    it('accepts ErrorCode written as a string of digits', () => {
      expect(decideBeforeCallback(C2C, answer('1')).decision).toBe('reject');
    });
  });

  describe('group commands', () => {
    it('reject with 10016 on 1 and pass app codes 10100–10200', () => {
      expect(decideBeforeCallback(GROUP_SEND, answer(1)).code).toBe(
        ErrorCode.GroupCallbackRejected,
      );
      expect(decideBeforeCallback(CREATE, answer(1)).code).toBe(ErrorCode.GroupCallbackRejected);
      expect(decideBeforeCallback(CREATE, answer(10100))).toEqual({
        decision: 'reject',
        code: 10100,
        info: 'nope',
      });
      expect(decideBeforeCallback(CREATE, answer(10201)).failedOpen).toBe('invalid-reply');
    });

    it('refuse a topic as a group: 1 is 10016, 10100–10200 pass as they are', () => {
      const TOPIC: BeforeCallbackCommand = 'Group.CallbackBeforeCreateTopic';
      expect(decideBeforeCallback(TOPIC, answer(0))).toEqual({ decision: 'allow' });
      expect(decideBeforeCallback(TOPIC, answer(1)).code).toBe(ErrorCode.GroupCallbackRejected);
      expect(decideBeforeCallback(TOPIC, answer(10150))).toMatchObject({
        decision: 'reject',
        code: 10150,
      });
      expect(decideBeforeCallback(TOPIC, answer(2)).failedOpen).toBe('invalid-reply');
    });

    it('rewrite only group messages, not group creation', () => {
      const MsgBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }];

      expect(decideBeforeCallback(GROUP_SEND, answer(0, { MsgBody })).decision).toBe('rewrite');
      expect(decideBeforeCallback(CREATE, answer(0, { MsgBody }))).toEqual({ decision: 'allow' });
      expect(decideBeforeCallback(CREATE, answer(2)).failedOpen).toBe('invalid-reply');
    });

    it('report the members an invitation refused', () => {
      expect(
        decideBeforeCallback(INVITE, answer(0, { RefusedMembers_Account: ['b', 'b', 3, 'c'] })),
      ).toEqual({ decision: 'allow', refusedMembers: ['b', 'c'] });
    });

    it('report the users a subscription refused (RefusedSubscribers_Account), 1 refuses all', () => {
      const SUBSCRIBE = 'OfficialAccount.CallbackBeforeAddSubscriber';
      expect(
        decideBeforeCallback(SUBSCRIBE, answer(0, { RefusedSubscribers_Account: ['b', 'b', 3] })),
      ).toEqual({ decision: 'allow', refusedMembers: ['b'] });
      // the group invitation's field name is not read for a subscription
      expect(decideBeforeCallback(SUBSCRIBE, answer(0, { RefusedMembers_Account: ['b'] }))).toEqual(
        { decision: 'allow' },
      );
      expect(decideBeforeCallback(SUBSCRIBE, answer(1))).toMatchObject({
        decision: 'reject',
        code: ErrorCode.GroupCallbackRejected,
      });
      // Tencent's page documents no app-defined codes for it: fail open
      expect(decideBeforeCallback(SUBSCRIBE, answer(10150)).failedOpen).toBe('invalid-reply');
    });
  });

  describe('friend commands', () => {
    it('pass the per-friend results of ResultItem', () => {
      const ResultItem = [
        { To_Account: 'b', ResultCode: 0, ResultInfo: '' },
        { To_Account: 'c', ResultCode: 38001, ResultInfo: 'no' },
        { ResultCode: 1 },
      ];

      expect(decideBeforeCallback(FRIEND, answer(0, { ResultItem }))).toEqual({
        decision: 'allow',
        friendResults: [
          { toAccount: 'b', code: 0, info: '' },
          { toAccount: 'c', code: 38001, info: 'no' },
        ],
      });
    });

    it('allow when there is no ResultItem, and fail open on a top-level code', () => {
      expect(decideBeforeCallback(FRIEND, answer(0))).toEqual({ decision: 'allow' });
      expect(decideBeforeCallback(FRIEND, answer(1)).failedOpen).toBe('invalid-reply');
    });
  });
});
