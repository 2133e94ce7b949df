/**
 * Pending friend requests over NATS (the client gateway's subjects, called as the user):
 * incoming and outgoing lists, accept, reject, delete, expiry; 50 concurrent adds between one
 * pair; tenant isolation.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { ErrorCode, FriendRequestHandledEvent, RelationEvt, RelationRpc } from '@im/contracts';
import { waitFor } from '@im/testing';

import {
  as,
  asUser,
  call,
  codeOf,
  newApp,
  setAllowType,
  startRelationTestPlatform,
} from './relation.harness';
import type { RelationTestPlatform } from './relation.harness';

let t: RelationTestPlatform;

beforeAll(async () => {
  t = await startRelationTestPlatform({ requestSweepIntervalMs: 200 });
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

const SOURCE = 'AddSource_Type_Web';

async function friendRows(sdkAppId: number): Promise<string[]> {
  const { rows } = await t.pg.query<{ user_id: string; friend_id: string }>(
    'SELECT user_id, friend_id FROM friends WHERE sdk_app_id = $1 ORDER BY 1, 2',
    [sdkAppId],
  );
  return rows.map((r) => `${r.user_id}->${r.friend_id}`);
}

async function requestRows(sdkAppId: number): Promise<string[]> {
  const { rows } = await t.pg.query<{ from_user_id: string; to_user_id: string }>(
    'SELECT from_user_id, to_user_id FROM friend_requests WHERE sdk_app_id = $1 ORDER BY 1, 2',
    [sdkAppId],
  );
  return rows.map((r) => `${r.from_user_id}->${r.to_user_id}`);
}

/** `from` asks `to` (NeedConfirm by default), as the user `from`. */
async function ask(
  sdkAppId: number,
  from: string,
  to: string,
  extra: { addType?: 'single' | 'both'; remark?: string; groupName?: string } = {},
): Promise<void> {
  const reply = await call(
    t,
    RelationRpc.AddFriends,
    {
      userId: from,
      items: [
        {
          toUserId: to,
          addSource: SOURCE,
          addWording: `hi ${to}`,
          remark: extra.remark,
          groupName: extra.groupName,
        },
      ],
      addType: extra.addType,
    },
    asUser(sdkAppId, from),
  );
  expect(reply.results[0].code).toBe(ErrorCode.FriendRequestPending);
}

function expectValid(event: object): void {
  const errors = validateSync(plainToInstance(FriendRequestHandledEvent, event), {
    forbidUnknownValues: false,
  });
  expect(errors.map((e) => e.toString())).toEqual([]);
}

describe(RelationRpc.GetFriendRequests, () => {
  it('lists the requests addressed to a user and the ones it sent, newest first (REL-22)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await ask(app, 'alice', 'bob');
    await ask(app, 'carol', 'bob');
    await ask(app, 'bob', 'alice');

    const incoming = await call(
      t,
      RelationRpc.GetFriendRequests,
      { userId: 'bob', direction: 'incoming' },
      asUser(app, 'bob'),
    );
    const outgoing = await call(
      t,
      RelationRpc.GetFriendRequests,
      { userId: 'bob', direction: 'outgoing' },
      asUser(app, 'bob'),
    );

    expect(incoming.total).toBe(2);
    expect(incoming.nextStartIndex).toBe(0);
    expect(incoming.requests.map((r) => r.fromUserId)).toEqual(['carol', 'alice']);
    expect(incoming.requests[1]).toEqual({
      fromUserId: 'alice',
      toUserId: 'bob',
      addType: 'both',
      addSource: SOURCE,
      addWording: 'hi bob',
      createdAt: expect.any(Number),
      expiresAt: expect.any(Number),
    });
    const { createdAt, expiresAt } = incoming.requests[1];
    expect(expiresAt - createdAt).toBe(30 * 24 * 3600);
    expect(outgoing.requests.map((r) => r.toUserId)).toEqual(['alice']);
  });

  it('expires a request, new or renewed, exactly the TTL after it was made (to the microsecond)', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    const lifetime = async () => {
      const { rows } = await t.pg.query<{ created_at: Date; exact: boolean }>(
        `SELECT created_at, expires_at - created_at = interval '720 hours' AS exact
           FROM friend_requests WHERE sdk_app_id = $1`,
        [app],
      );
      return rows;
    };
    await ask(app, 'alice', 'bob');
    const [made] = await lifetime();
    expect(made.exact).toBe(true);

    await ask(app, 'alice', 'bob', { remark: 'again' });
    const [renewed] = await lifetime();
    expect(renewed.exact).toBe(true);
    expect(renewed.created_at.getTime()).toBeGreaterThanOrEqual(made.created_at.getTime());
  });

  it('pages with startIndex and limit', async () => {
    const app = await newApp(t, ['bob', 'u1', 'u2', 'u3']);
    for (const u of ['u1', 'u2', 'u3']) await ask(app, u, 'bob');

    const page = await call(
      t,
      RelationRpc.GetFriendRequests,
      { userId: 'bob', direction: 'incoming', startIndex: 1, limit: 1 },
      as(app),
    );

    expect(page).toMatchObject({ total: 3, nextStartIndex: 2 });
    expect(page.requests.map((r) => r.fromUserId)).toEqual(['u2']);
  });

  it("keeps a user out of another user's requests (30004)", async () => {
    const app = await newApp(t, ['alice', 'bob']);

    expect(
      await codeOf(
        call(
          t,
          RelationRpc.GetFriendRequests,
          { userId: 'bob', direction: 'incoming' },
          asUser(app, 'alice'),
        ),
      ),
    ).toBe(ErrorCode.SnsAdminRequired);
  });
});

describe(RelationRpc.AcceptFriendRequest, () => {
  it('makes them friends both ways with the fields of each side and reports accepted', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await ask(app, 'alice', 'bob', { remark: 'B', groupName: 'work' });

    const reply = await call(
      t,
      RelationRpc.AcceptFriendRequest,
      { userId: 'bob', fromUserId: 'alice', remark: 'A', groupName: 'school' },
      asUser(app, 'bob'),
    );

    expect(reply).toEqual({ isBothWay: true });
    expect(await friendRows(app)).toEqual(['alice->bob', 'bob->alice']);
    expect(await requestRows(app)).toEqual([]);
    const { rows } = await t.pg.query(
      'SELECT user_id, remark, groups, add_wording FROM friends WHERE sdk_app_id = $1 ORDER BY 1',
      [app],
    );
    expect(rows).toEqual([
      { user_id: 'alice', remark: 'B', groups: ['work'], add_wording: 'hi bob' },
      { user_id: 'bob', remark: 'A', groups: ['school'], add_wording: '' },
    ]);
    const event = await t.events.next(RelationEvt.FriendRequestHandled, app);
    expect(event).toMatchObject({ fromUserId: 'alice', toUserId: 'bob', action: 'accepted' });
    expectValid(event);
    await t.events.next(
      RelationEvt.FriendsAdded,
      app,
      (e) => e.userId === 'bob' && e.via === 'accept',
    );
  });

  it('adds one way only for a single request or the agree response', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await ask(app, 'alice', 'bob', { addType: 'single' });
    await ask(app, 'carol', 'bob');

    await call(t, RelationRpc.AcceptFriendRequest, { userId: 'bob', fromUserId: 'alice' }, as(app));
    const reply = await call(
      t,
      RelationRpc.AcceptFriendRequest,
      { userId: 'bob', fromUserId: 'carol', response: 'agree' },
      as(app),
    );

    expect(reply).toEqual({ isBothWay: false });
    expect(await friendRows(app)).toEqual(['alice->bob', 'carol->bob']);
  });

  it('answers 30614 when there is no such request, and only the target may accept', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await ask(app, 'alice', 'bob');

    expect(
      await codeOf(
        call(t, RelationRpc.AcceptFriendRequest, { userId: 'alice', fromUserId: 'bob' }, as(app)),
      ),
    ).toBe(ErrorCode.PendingRequestNotFound);
    expect(
      await codeOf(
        call(
          t,
          RelationRpc.AcceptFriendRequest,
          { userId: 'bob', fromUserId: 'alice' },
          asUser(app, 'alice'),
        ),
      ),
    ).toBe(ErrorCode.SnsAdminRequired);
    expect(await friendRows(app)).toEqual([]);
  });

  it("refuses with 30010 when the acceptor's table is full", async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol'], { friendLimit: 1 });
    await ask(app, 'alice', 'bob');
    await call(
      t,
      RelationRpc.ImportFriends,
      { userId: 'bob', items: [{ toUserId: 'carol', addSource: SOURCE }] },
      as(app),
    );

    expect(
      await codeOf(
        call(t, RelationRpc.AcceptFriendRequest, { userId: 'bob', fromUserId: 'alice' }, as(app)),
      ),
    ).toBe(ErrorCode.FriendLimitReached);
    expect(await requestRows(app)).toEqual(['alice->bob']);
  });
});

describe('rejecting and deleting requests', () => {
  it('rejects: the request goes, no friendship, the requester is told (REL-14)', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await ask(app, 'alice', 'bob');

    const reply = await call(
      t,
      RelationRpc.RejectFriendRequest,
      { userId: 'bob', peerUserId: 'alice' },
      asUser(app, 'bob'),
    );

    expect(reply).toEqual({ fromUserId: 'alice', toUserId: 'bob' });
    expect(await requestRows(app)).toEqual([]);
    expect(await friendRows(app)).toEqual([]);
    const event = await t.events.next(RelationEvt.FriendRequestHandled, app);
    expect(event).toMatchObject({ fromUserId: 'alice', toUserId: 'bob', action: 'rejected' });
  });

  it('lets the requester withdraw and the target drop a request (REL-23)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await ask(app, 'alice', 'bob');
    await ask(app, 'carol', 'bob');

    await call(
      t,
      RelationRpc.DeleteFriendRequest,
      { userId: 'alice', peerUserId: 'bob' },
      asUser(app, 'alice'),
    );
    await call(
      t,
      RelationRpc.DeleteFriendRequest,
      { userId: 'bob', peerUserId: 'carol', direction: 'incoming' },
      asUser(app, 'bob'),
    );

    expect(await requestRows(app)).toEqual([]);
    await waitFor(() =>
      expect(
        t.events
          .of(RelationEvt.FriendRequestHandled, app)
          .map((e) => `${e.fromUserId}->${e.toUserId}:${e.action}`)
          .sort(),
      ).toEqual(['alice->bob:deleted', 'carol->bob:deleted']),
    );
    expect(
      await codeOf(
        call(t, RelationRpc.RejectFriendRequest, { userId: 'bob', peerUserId: 'alice' }, as(app)),
      ),
    ).toBe(ErrorCode.PendingRequestNotFound);
  });

  it('renews a repeated request instead of storing a second one', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await ask(app, 'alice', 'bob');
    await ask(app, 'alice', 'bob');

    expect(await requestRows(app)).toEqual(['alice->bob']);
  });
});

describe('expiry (AMB-29)', () => {
  it('keeps a request for the app TTL', async () => {
    const app = await newApp(t, ['alice', 'bob'], { pendingFriendRequestTtlDays: 3 });
    await ask(app, 'alice', 'bob');

    const { rows } = await t.pg.query<{ days: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days
       FROM friend_requests WHERE sdk_app_id = $1`,
      [app],
    );
    expect(rows).toEqual([{ days: 3 }]);
  });

  it('neither lists nor accepts an expired request, then deletes it and reports expired', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await ask(app, 'alice', 'bob');
    // From now on it counts as gone, whether or not the sweeper (every 200 ms) took it yet.
    await t.pg.query(
      `UPDATE friend_requests SET expires_at = now() - interval '1 second' WHERE sdk_app_id = $1`,
      [app],
    );

    const listed = await call(
      t,
      RelationRpc.GetFriendRequests,
      { userId: 'bob', direction: 'incoming' },
      as(app),
    );
    const accepted = codeOf(
      call(t, RelationRpc.AcceptFriendRequest, { userId: 'bob', fromUserId: 'alice' }, as(app)),
    );

    expect(listed.requests).toEqual([]);
    expect(await accepted).toBe(ErrorCode.PendingRequestNotFound);
    const event = await t.events.next(RelationEvt.FriendRequestHandled, app);
    expect(event).toMatchObject({ fromUserId: 'alice', toUserId: 'bob', action: 'expired' });
    expectValid(event);
    expect(await requestRows(app)).toEqual([]);
    expect(await friendRows(app)).toEqual([]);
  });
});

describe('50 concurrent friend_add between one pair', () => {
  it('AllowAny: one friendship per direction, one success, consistent sequences', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');

    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(
          t,
          RelationRpc.AddFriends,
          { userId: 'alice', items: [{ toUserId: 'bob', addSource: SOURCE }] },
          as(app),
        ),
      ),
    );

    const outcomes = replies.map((r) => r.results[0].code);
    expect(outcomes.filter((c) => c === 0)).toHaveLength(1);
    expect(outcomes.filter((c) => c === ErrorCode.SnsInvalidParameters)).toHaveLength(49);
    expect(await friendRows(app)).toEqual(['alice->bob', 'bob->alice']);
    const { rows } = await t.pg.query(
      `SELECT user_id, sequence::int, standard_sequence::int FROM relation_users
       WHERE sdk_app_id = $1 ORDER BY user_id`,
      [app],
    );
    expect(rows).toEqual([
      { user_id: 'alice', sequence: 1, standard_sequence: 1 },
      { user_id: 'bob', sequence: 1, standard_sequence: 1 },
    ]);
    await waitFor(() => expect(t.events.of(RelationEvt.FriendsAdded, app)).toHaveLength(2));
  });

  it('NeedConfirm: one pending request, every add answered 30539', async () => {
    const app = await newApp(t, ['alice', 'bob']);

    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(
          t,
          RelationRpc.AddFriends,
          { userId: 'alice', items: [{ toUserId: 'bob', addSource: SOURCE }] },
          as(app),
        ),
      ),
    );

    expect(new Set(replies.map((r) => r.results[0].code))).toEqual(
      new Set([ErrorCode.FriendRequestPending]),
    );
    expect(await requestRows(app)).toEqual(['alice->bob']);
  });

  it('both directions at once (A adds B while B adds A): one friendship per direction', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'alice', 'AllowType_Type_AllowAny');
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');

    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const [from, to] = i % 2 ? ['alice', 'bob'] : ['bob', 'alice'];
        return call(
          t,
          RelationRpc.AddFriends,
          { userId: from, items: [{ toUserId: to, addSource: SOURCE }] },
          as(app),
        );
      }),
    );

    expect(replies.map((r) => r.results[0].code).filter((c) => c === 0)).toHaveLength(1);
    expect(await friendRows(app)).toEqual(['alice->bob', 'bob->alice']);
  });
});

describe('tenant isolation', () => {
  it('keeps friends, requests, blacklists and lists of the same user IDs apart per app', async () => {
    const appA = await newApp(t, ['alice', 'bob', 'carol']);
    const appB = await newApp(t, ['alice', 'bob', 'carol']);
    await setAllowType(t, appA, 'bob', 'AllowType_Type_AllowAny');
    await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [{ toUserId: 'bob', addSource: SOURCE }] },
      as(appA),
    );
    await ask(appA, 'carol', 'alice');
    await call(t, RelationRpc.AddToBlacklist, { userId: 'bob', toUserIds: ['carol'] }, as(appA));
    await call(t, RelationRpc.CreateFriendLists, { userId: 'alice', names: ['work'] }, as(appA));

    const check = await call(
      t,
      RelationRpc.CheckFriends,
      { userId: 'alice', toUserIds: ['bob'], checkType: 'both' },
      as(appB),
    );
    const requests = await call(
      t,
      RelationRpc.GetFriendRequests,
      { userId: 'alice', direction: 'incoming' },
      as(appB),
    );
    const blacklist = await call(
      t,
      RelationRpc.GetBlacklist,
      { userId: 'bob', startIndex: 0, maxCount: 10 },
      as(appB),
    );
    const lists = await call(t, RelationRpc.GetFriendLists, { userId: 'alice' }, as(appB));
    const accept = codeOf(
      call(t, RelationRpc.AcceptFriendRequest, { userId: 'alice', fromUserId: 'carol' }, as(appB)),
    );
    const deleted = await call(
      t,
      RelationRpc.DeleteFriends,
      { userId: 'alice', toUserIds: ['bob'], deleteType: 'both' },
      as(appB),
    );

    expect(check.results[0].relation).toBe('NoRelation');
    expect(requests.requests).toEqual([]);
    expect(blacklist.entries).toEqual([]);
    expect(lists.lists).toEqual([]);
    expect(await accept).toBe(ErrorCode.PendingRequestNotFound);
    expect(deleted.results[0].code).toBe(ErrorCode.NotAFriend);
    expect(await friendRows(appA)).toEqual(['alice->bob', 'bob->alice']);
    expect(await requestRows(appA)).toEqual(['carol->alice']);
    expect(await friendRows(appB)).toEqual([]);
  });
});
