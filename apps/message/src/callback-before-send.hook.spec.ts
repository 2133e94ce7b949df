import { ErrorCode } from '@im/contracts';

import type { BeforeSendContext } from './before-send.hook';
import {
  c2cBeforeSendBody,
  CallbackBeforeSendHook,
  groupBeforeSendBody,
  verdictOf,
} from './callback-before-send.hook';

const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];

function makeContext(overrides: Partial<BeforeSendContext> = {}): BeforeSendContext {
  return {
    sdkAppId: 1,
    type: 'C2C',
    from: 'alice',
    to: 'bob',
    body: text('hi'),
    random: 42,
    origin: 'client',
    operator: 'alice',
    time: 1700000000,
    onlineOnly: false,
    ...overrides,
  };
}

describe(CallbackBeforeSendHook.name, () => {
  it('builds the C2C body of docs/callbacks.md §4.7, MsgSeq being the sender’s own or 0', () => {
    expect(c2cBeforeSendBody(makeContext({ cloudCustomData: 'cc' }))).toEqual({
      From_Account: 'alice',
      To_Account: 'bob',
      MsgSeq: 0,
      MsgRandom: 42,
      MsgTime: 1700000000,
      MsgKey: '0_42_1700000000',
      OnlineOnlyFlag: 0,
      MsgBody: text('hi'),
      CloudCustomData: 'cc',
    });
    expect(c2cBeforeSendBody(makeContext({ clientSeq: 7, onlineOnly: true }))).toMatchObject({
      MsgSeq: 7,
      MsgKey: '7_42_1700000000',
      OnlineOnlyFlag: 1,
      CloudCustomData: '',
    });
  });

  it('builds the group body of docs/callbacks.md §4.12 with Random and the requester', () => {
    expect(
      groupBeforeSendBody(
        makeContext({ type: 'GROUP', to: 'g1', groupType: 'Public', operator: 'administrator' }),
      ),
    ).toEqual({
      GroupId: 'g1',
      Type: 'Public',
      From_Account: 'alice',
      Operator_Account: 'administrator',
      Random: 42,
      OnlineOnlyFlag: 0,
      MsgBody: text('hi'),
      CloudCustomData: '',
    });
  });

  it('passes the dispatcher’s reject code and ErrorInfo on, with the documented default', () => {
    expect(verdictOf(makeContext(), { decision: 'reject', code: 120005, info: 'blocked' })).toEqual(
      { action: 'reject', code: 120005, message: 'blocked' },
    );
    expect(verdictOf(makeContext({ type: 'GROUP' }), { decision: 'reject' })).toMatchObject({
      action: 'reject',
      code: ErrorCode.GroupCallbackRejected,
    });
  });

  it('delivers on allow (also a fail-open one), discards on discard', () => {
    expect(verdictOf(makeContext(), { decision: 'allow', failedOpen: 'timeout' })).toEqual({
      action: 'deliver',
    });
    expect(verdictOf(makeContext(), { decision: 'discard' })).toEqual({ action: 'discard' });
  });

  it('asks OfficialAccount.CallbackBeforeSendMsg, not the group one, for an official account message', async () => {
    const bodies: unknown[] = [];
    const check = jest.fn((_command: string, body: () => unknown) => {
      bodies.push(body());
      return Promise.resolve({ decision: 'reject' as const, code: 10016, info: 'no' });
    });
    const hook = new CallbackBeforeSendHook({ check } as never, {} as never);
    await expect(
      hook.beforeSend(
        makeContext({ type: 'GROUP', to: '@TOA#_news', origin: 'RESTAPI', onlineOnly: true }),
      ),
    ).resolves.toEqual({ action: 'reject', code: 10016, message: 'no' });
    expect(check).toHaveBeenCalledWith(
      'OfficialAccount.CallbackBeforeSendMsg',
      expect.any(Function),
      { sdkAppId: 1, platform: 'RESTAPI' },
    );
    expect(bodies[0]).toEqual({
      Official_Account: '@TOA#_news',
      OnlineOnlyFlag: 1,
      MsgBody: text('hi'),
      CloudCustomData: '',
    });
    // an ordinary group still asks the group's
    await hook.beforeSend(makeContext({ type: 'GROUP', to: '@TGS#1' }));
    expect(check).toHaveBeenLastCalledWith('Group.CallbackBeforeSendMsg', expect.any(Function), {
      sdkAppId: 1,
    });
  });

  it('replaces only what the app rewrote', () => {
    expect(
      verdictOf(makeContext({ cloudCustomData: 'old' }), {
        decision: 'rewrite',
        rewrite: { MsgBody: text('***') },
      }),
    ).toEqual({ action: 'deliver', body: text('***') });
    expect(
      verdictOf(makeContext(), { decision: 'rewrite', rewrite: { CloudCustomData: 'new' } }),
    ).toEqual({ action: 'deliver', cloudCustomData: 'new' });
  });

  it('ignores a rewrite that breaks the message rules and delivers the original', () => {
    expect(
      verdictOf(makeContext(), {
        decision: 'rewrite',
        rewrite: { MsgBody: [{ MsgType: 'TIMNoSuchElem', MsgContent: {} }] },
      }),
    ).toEqual({ action: 'deliver' });
    expect(
      verdictOf(makeContext(), {
        decision: 'rewrite',
        rewrite: { CloudCustomData: 'x'.repeat(13 * 1024) },
      }),
    ).toEqual({ action: 'deliver' });
  });
});
