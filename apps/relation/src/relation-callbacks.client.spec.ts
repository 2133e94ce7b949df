import type { BeforeCallbackReply } from '@im/contracts';
import type { BeforeCallbackClient } from '@im/platform';

import { RelationCallbacks } from './relation-callbacks.client';

const fakeClient = (reply: BeforeCallbackReply) =>
  ({ check: () => Promise.resolve(reply) }) as unknown as BeforeCallbackClient;

const ADD = {
  Requester_Account: 'a',
  From_Account: 'a',
  FriendItem: [],
  AddType: 'Add_Type_Both' as const,
  ForceAddFlags: 0 as const,
};

describe(RelationCallbacks.name, () => {
  it('returns the friends the app refused (non-zero ResultCode), by user ID', async () => {
    const sut = new RelationCallbacks(
      fakeClient({
        decision: 'allow',
        friendResults: [
          { toAccount: 'b', code: 0, info: '' },
          { toAccount: 'c', code: 38001, info: 'no' },
        ],
      }),
    );

    const refused = await sut.prevFriendAdd(1, () => ADD);

    expect([...refused.entries()]).toEqual([['c', { toAccount: 'c', code: 38001, info: 'no' }]]);
  });

  it('refuses nobody when the app allowed all, or the callback failed open', async () => {
    const sut = new RelationCallbacks(fakeClient({ decision: 'allow', failedOpen: 'timeout' }));
    await expect(
      sut.prevFriendResponse(1, () => ({
        Requester_Account: 'a',
        From_Account: 'a',
        ResponseFriendItem: [],
      })),
    ).resolves.toEqual(new Map());
  });
});
