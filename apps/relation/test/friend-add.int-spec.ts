/**
 * friend_add over NATS (relation.rpc.add-friends) against the real account and profile
 * services: one and two rounds by AllowType, AddType, ForceAddFlags, every per-item code, the
 * caller rules, and the rows and events it leaves.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import {
  ErrorCode,
  FriendRequestCreatedEvent,
  FriendsAddedEvent,
  RelationEvt,
  RelationRpc,
} from '@im/contracts';
import type { AddFriendItem } from '@im/contracts';

import {
  as,
  asUser,
  call,
  codeOf,
  newApp,
  setAllowType,
  setProfile,
  startRelationTestPlatform,
} from './relation.harness';
import type { RelationTestPlatform } from './relation.harness';

let t: RelationTestPlatform;

beforeAll(async () => {
  t = await startRelationTestPlatform();
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

const SOURCE = 'AddSource_Type_Android';
const item = (toUserId: string, extra: Partial<AddFriendItem> = {}): AddFriendItem => ({
  toUserId,
  addSource: SOURCE,
  ...extra,
});

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

function expectValid(cls: new () => object, event: object): void {
  const errors = validateSync(plainToInstance(cls, event), { forbidUnknownValues: false });
  expect(errors.map((e) => e.toString())).toEqual([]);
}

function codes(reply: { results: { userId: string; code: number }[] }): Record<string, number> {
  return Object.fromEntries(reply.results.map((r) => [r.userId, r.code]));
}

describe('one-round add (AllowType_Type_AllowAny)', () => {
  it('makes them friends both ways at once and publishes friend-added for each owner', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob', { remark: 'Bobby', addWording: 'hi' })] },
      as(app),
    );

    expect(reply.results).toEqual([{ userId: 'bob', code: 0, message: '' }]);
    expect(await friendRows(app)).toEqual(['alice->bob', 'bob->alice']);
    const forAlice = await t.events.next(
      RelationEvt.FriendsAdded,
      app,
      (e) => e.userId === 'alice',
    );
    expect(forAlice).toMatchObject({ friendIds: ['bob'], via: 'add' });
    expectValid(FriendsAddedEvent, forAlice);
    await t.events.next(RelationEvt.FriendsAdded, app, (e) => e.userId === 'bob');
    const { rows } = await t.pg.query(
      `SELECT remark, add_source, add_wording FROM friends WHERE sdk_app_id = $1 AND user_id = 'alice'`,
      [app],
    );
    expect(rows).toEqual([{ remark: 'Bobby', add_source: SOURCE, add_wording: 'hi' }]);
  });

  it('with Add_Type_Single adds the target to the requester table only', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob')], addType: 'single' },
      as(app),
    );

    expect(codes(reply)).toEqual({ bob: 0 });
    expect(await friendRows(app)).toEqual(['alice->bob']);
  });

  it('reports an existing friend with 30001 and creates nothing twice (REL-21)', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');
    await call(t, RelationRpc.AddFriends, { userId: 'alice', items: [item('bob')] }, as(app));

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob')] },
      as(app),
    );

    expect(reply.results).toEqual([
      { userId: 'bob', code: ErrorCode.SnsInvalidParameters, message: 'already a friend' },
    ]);
    expect(await friendRows(app)).toEqual(['alice->bob', 'bob->alice']);
  });
});

describe('two-round add (AllowType_Type_NeedConfirm, the default)', () => {
  it('answers 30539, stores one pending request and publishes request-created', async () => {
    const app = await newApp(t, ['alice', 'bob']);

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob', { addWording: 'let me in' })] },
      as(app),
    );

    expect(codes(reply)).toEqual({ bob: ErrorCode.FriendRequestPending });
    expect(await friendRows(app)).toEqual([]);
    expect(await requestRows(app)).toEqual(['alice->bob']);
    const event = await t.events.next(RelationEvt.FriendRequestCreated, app);
    expect(event).toMatchObject({
      fromUserId: 'alice',
      toUserId: 'bob',
      addType: 'both',
      addSource: SOURCE,
      addWording: 'let me in',
    });
    expectValid(FriendRequestCreatedEvent, event);
  });

  it('needs no confirmation when the target already lists the requester (AMB-28)', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'alice', 'AllowType_Type_AllowAny');
    await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'bob', items: [item('alice')], addType: 'single' },
      as(app),
    );

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob')] },
      as(app),
    );

    expect(codes(reply)).toEqual({ bob: 0 });
    expect(await friendRows(app)).toEqual(['alice->bob', 'bob->alice']);
    expect(await requestRows(app)).toEqual([]);
  });
});

describe('refusals per item', () => {
  it('refuses a DenyAny target with 30516 and leaves no request (REL-15)', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_DenyAny');

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob')] },
      as(app),
    );

    expect(codes(reply)).toEqual({ bob: ErrorCode.TargetDeniesAll });
    expect(await requestRows(app)).toEqual([]);
  });

  it('lets the admin force an add past DenyAny and NeedConfirm (ForceAddFlags)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_DenyAny');

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob'), item('carol')], force: true },
      as(app),
    );

    expect(codes(reply)).toEqual({ bob: 0, carol: 0 });
    expect(await friendRows(app)).toEqual([
      'alice->bob',
      'alice->carol',
      'bob->alice',
      'carol->alice',
    ]);
  });

  it('refuses a requester with AdminForbid_Type_SendOut with 30009 (REL-16)', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');
    await setProfile(t, app, 'alice', [
      { tag: 'Tag_Profile_IM_AdminForbidType', value: 'AdminForbid_Type_SendOut' },
    ]);

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob')] },
      as(app),
    );

    expect(codes(reply)).toEqual({ bob: ErrorCode.FriendRequestForbidden });
    expect(await friendRows(app)).toEqual([]);
  });

  it('refuses blacklisted pairs either way with 30515 and 30525 (REL-17)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');
    await setAllowType(t, app, 'carol', 'AllowType_Type_AllowAny');
    await call(t, RelationRpc.AddToBlacklist, { userId: 'alice', toUserIds: ['bob'] }, as(app));
    await call(t, RelationRpc.AddToBlacklist, { userId: 'carol', toUserIds: ['alice'] }, as(app));

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob'), item('carol')], force: true },
      as(app),
    );

    expect(codes(reply)).toEqual({
      bob: ErrorCode.TargetInRequesterBlacklist,
      carol: ErrorCode.RequesterInTargetBlacklist,
    });
    expect(await friendRows(app)).toEqual([]);
  });

  it("refuses past the requester's limit with 30010 and the peer's with 30014 (REL-4)", async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol', 'dave'], { friendLimit: 1 });
    for (const u of ['bob', 'carol', 'dave'])
      await setAllowType(t, app, u, 'AllowType_Type_AllowAny');
    await call(t, RelationRpc.AddFriends, { userId: 'carol', items: [item('dave')] }, as(app));

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('dave'), item('bob'), item('carol')] },
      as(app),
    );

    expect(codes(reply)).toEqual({
      dave: ErrorCode.PeerFriendLimitReached,
      bob: 0,
      carol: ErrorCode.FriendLimitReached,
    });
    expect(await friendRows(app)).toEqual([
      'alice->bob',
      'bob->alice',
      'carol->dave',
      'dave->carol',
    ]);
  });

  it('checks each item: AddSource, Remark, AddWording, GroupName, IDs, unknown accounts', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      {
        userId: 'alice',
        items: [
          { toUserId: 'no-source' },
          item('bad-source', { addSource: 'AddSource_Type_TooLongWord' }),
          item('long-remark', { remark: 'r'.repeat(97) }),
          item('long-wording', { addWording: 'w'.repeat(257) }),
          item('long-list', { groupName: 'g'.repeat(31) }),
          item('alice'),
          item('u'.repeat(33)),
          item('ghost'),
          item('bob', {
            remark: 'r'.repeat(96),
            addWording: 'w'.repeat(256),
            groupName: 'g'.repeat(30),
          }),
        ],
      },
      as(app),
    );

    expect(codes(reply)).toEqual({
      'no-source': ErrorCode.SnsInvalidParameters,
      'bad-source': ErrorCode.SnsInvalidParameters,
      'long-remark': ErrorCode.SnsInvalidParameters,
      'long-wording': ErrorCode.SnsInvalidParameters,
      'long-list': ErrorCode.SnsInvalidParameters,
      alice: ErrorCode.SnsInvalidParameters,
      ['u'.repeat(33)]: ErrorCode.SnsInvalidParameters,
      ghost: ErrorCode.SnsAccountNotFound,
      bob: 0,
    });
    expect(await friendRows(app)).toEqual(['alice->bob', 'bob->alice']);
  });

  it('requires AddWording when the app says so (REL-19)', async () => {
    const app = await newApp(t, ['alice', 'bob'], { friendRequestWordingRequired: true });

    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob'), item('bob')] },
      as(app),
    );

    expect(reply.results).toEqual([
      {
        userId: 'bob',
        code: ErrorCode.SnsInvalidParameters,
        message: 'AddWording is required by this app',
      },
    ]);
  });

  it('refuses a requester that does not exist with 30003', async () => {
    const app = await newApp(t, ['bob']);

    expect(
      await codeOf(
        call(t, RelationRpc.AddFriends, { userId: 'ghost', items: [item('bob')] }, as(app)),
      ),
    ).toBe(ErrorCode.SnsAccountNotFound);
  });
});

describe('callers', () => {
  it('lets a user add friends as itself but not as someone else (30004)', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await setAllowType(t, app, 'bob', 'AllowType_Type_AllowAny');

    expect(
      await codeOf(
        call(
          t,
          RelationRpc.AddFriends,
          { userId: 'bob', items: [item('alice')] },
          asUser(app, 'alice'),
        ),
      ),
    ).toBe(ErrorCode.SnsAdminRequired);
    const reply = await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'alice', items: [item('bob')] },
      asUser(app, 'alice'),
    );
    expect(codes(reply)).toEqual({ bob: 0 });
  });

  it('refuses ForceAddFlags from a user with 30004', async () => {
    const app = await newApp(t, ['alice', 'bob']);

    expect(
      await codeOf(
        call(
          t,
          RelationRpc.AddFriends,
          { userId: 'alice', items: [item('bob')], force: true },
          asUser(app, 'alice'),
        ),
      ),
    ).toBe(ErrorCode.SnsAdminRequired);
  });
});
