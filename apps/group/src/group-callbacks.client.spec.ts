import { ErrorCode } from '@im/contracts';
import type { BeforeCallbackReply } from '@im/contracts';
import type { BeforeCallbackClient } from '@im/platform';

import { GroupCallbacks } from './group-callbacks.client';
import { GroupError } from './group.errors';

/** Answers every check with `reply` and records what was asked. */
function fakeClient(reply: BeforeCallbackReply) {
  const asked: { command: string; body: unknown; sdkAppId?: number }[] = [];
  const client = {
    check: async (
      command: string,
      body: unknown,
      options: { sdkAppId?: number },
    ): Promise<BeforeCallbackReply> => {
      asked.push({
        command,
        body: typeof body === 'function' ? await (body as () => unknown)() : body,
        sdkAppId: options.sdkAppId,
      });
      return reply;
    },
  };
  return { asked, client: client as unknown as BeforeCallbackClient };
}

const CREATE = {
  Operator_Account: 'a',
  Owner_Account: 'a',
  Type: 'Public',
  Name: 'g',
  CreateGroupNum: 0,
  MemberList: [],
};
const INVITE = {
  GroupId: 'g',
  Type: 'Public',
  Operator_Account: 'a',
  DestinationMembers: [{ Member_Account: 'b' }, { Member_Account: 'c' }],
};

describe(GroupCallbacks.name, () => {
  it('asks the app for the caller’s app and goes on when it allows', async () => {
    const { asked, client } = fakeClient({ decision: 'allow' });
    const sut = new GroupCallbacks(client);

    await expect(sut.beforeCreateGroup(7, () => CREATE)).resolves.toBeUndefined();

    expect(asked).toEqual([
      { command: 'Group.CallbackBeforeCreateGroup', body: CREATE, sdkAppId: 7 },
    ]);
  });

  it('throws the app’s rejection with its code and ErrorInfo, 10016 by default', async () => {
    const app = new GroupCallbacks(
      fakeClient({ decision: 'reject', code: 10120, info: 'by invitation' }).client,
    );
    await expect(
      app.beforeApplyJoinGroup(7, () => ({ GroupId: 'g', Type: 'Public', Requestor_Account: 'b' })),
    ).rejects.toEqual(new GroupError(10120, 'by invitation'));

    const plain = new GroupCallbacks(fakeClient({ decision: 'reject' }).client);
    await expect(plain.beforeInviteJoinGroup(7, () => INVITE)).rejects.toMatchObject({
      code: ErrorCode.GroupCallbackRejected,
    });
  });

  it('returns the members the app refused to let in', async () => {
    const sut = new GroupCallbacks(fakeClient({ decision: 'allow', refusedMembers: ['c'] }).client);
    await expect(sut.beforeInviteJoinGroup(7, () => INVITE)).resolves.toEqual(new Set(['c']));
  });
});
