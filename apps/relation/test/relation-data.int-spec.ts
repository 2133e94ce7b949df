/**
 * The rest of the relation service over NATS: import, update, delete, check, paging with
 * sequences, friend profiles, blacklist, friend lists, recommendations, the cached answers for
 * other services, and the events it consumes (account deleted, profile changed).
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import {
  AccountRpc,
  BlacklistChangedEvent,
  ErrorCode,
  FriendProfileChangedEvent,
  FriendsDeletedEvent,
  RelationEvt,
  RelationRpc,
} from '@im/contracts';
import type { ImportFriendItem } from '@im/contracts';
import { waitFor } from '@im/testing';

import { RelationCacheKeys } from '../src/relation.cache-keys';
import {
  as,
  asUser,
  call,
  codeOf,
  newApp,
  send,
  setAllowType,
  setProfile,
  startRelationTestPlatform,
} from './relation.harness';
import type { RelationTestPlatform } from './relation.harness';
import { Redis } from 'ioredis';

let t: RelationTestPlatform;
let redis: Redis;

beforeAll(async () => {
  t = await startRelationTestPlatform();
  redis = new Redis(t.servers.redis.url);
}, 120_000);

afterAll(async () => {
  await redis?.quit();
  await t?.stop();
});

const SOURCE = 'AddSource_Type_Import';
const CUSTOM = [{ key: 'Tag_SNS_Custom_Level', type: 'string' as const }];

async function friendRows(sdkAppId: number): Promise<string[]> {
  const { rows } = await t.pg.query<{ user_id: string; friend_id: string }>(
    'SELECT user_id, friend_id FROM friends WHERE sdk_app_id = $1 ORDER BY 1, 2',
    [sdkAppId],
  );
  return rows.map((r) => `${r.user_id}->${r.friend_id}`);
}

function expectValid(cls: new () => object, event: object): void {
  const errors = validateSync(plainToInstance(cls, event), { forbidUnknownValues: false });
  expect(errors.map((e) => e.toString())).toEqual([]);
}

function codes(reply: { results: { userId: string; code: number }[] }): Record<string, number> {
  return Object.fromEntries(reply.results.map((r) => [r.userId, r.code]));
}

/** Imports friends of `userId` (one way) as the admin. */
async function importFriends(
  sdkAppId: number,
  userId: string,
  items: (string | ImportFriendItem)[],
): Promise<Record<string, number>> {
  const reply = await call(
    t,
    RelationRpc.ImportFriends,
    {
      userId,
      items: items.map((i) => (typeof i === 'string' ? { toUserId: i, addSource: SOURCE } : i)),
    },
    as(sdkAppId),
  );
  return codes(reply);
}

/** Friends both ways. */
async function befriend(sdkAppId: number, a: string, b: string): Promise<void> {
  await importFriends(sdkAppId, a, [b]);
  await importFriends(sdkAppId, b, [a]);
}

describe(RelationRpc.ImportFriends, () => {
  it('stores one-way friends with every field as given (no verification)', async () => {
    const app = await newApp(t, ['alice', 'bob'], { snsCustomFields: CUSTOM });
    await setAllowType(t, app, 'bob', 'AllowType_Type_DenyAny');

    const result = await importFriends(app, 'alice', [
      {
        toUserId: 'bob',
        addSource: SOURCE,
        remark: 'Bob',
        remarkTime: 1_600_000_000,
        groupNames: ['work', 'gym'],
        addWording: 'old friend',
        addTime: 1_500_000_000,
        customItems: [{ tag: 'Tag_SNS_Custom_Level', value: 'gold' }],
      },
    ]);

    expect(result).toEqual({ bob: 0 });
    expect(await friendRows(app)).toEqual(['alice->bob']);
    const page = await call(t, RelationRpc.GetFriends, { userId: 'alice', startIndex: 0 }, as(app));
    expect(page.friends).toEqual([
      {
        userId: 'bob',
        items: [
          { tag: 'Tag_SNS_IM_Group', value: ['work', 'gym'] },
          { tag: 'Tag_SNS_IM_Remark', value: 'Bob' },
          { tag: 'Tag_SNS_IM_AddSource', value: SOURCE },
          { tag: 'Tag_SNS_IM_AddWording', value: 'old friend' },
          { tag: 'Tag_SNS_IM_AddTime', value: 1_500_000_000 },
          { tag: 'Tag_SNS_IM_RemarkTime', value: 1_600_000_000 },
          { tag: 'Tag_SNS_Custom_Level', value: 'gold' },
        ],
      },
    ]);
    const lists = await call(t, RelationRpc.GetFriendLists, { userId: 'alice' }, as(app));
    expect(lists.lists.map((l) => l.name)).toEqual(['work', 'gym']);
  });

  it('reports undeclared or oversized custom fields, 33 lists, existing friends, unknown users', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol', 'dave', 'erin'], {
      snsCustomFields: CUSTOM,
    });
    await importFriends(app, 'alice', ['erin']);

    const result = await importFriends(app, 'alice', [
      {
        toUserId: 'bob',
        addSource: SOURCE,
        customItems: [{ tag: 'Tag_SNS_Custom_Nope', value: 'x' }],
      },
      {
        toUserId: 'carol',
        addSource: SOURCE,
        customItems: [{ tag: 'Tag_SNS_Custom_Level', value: 'v'.repeat(501) }],
      },
      {
        toUserId: 'dave',
        addSource: SOURCE,
        groupNames: Array.from({ length: 33 }, (_, i) => `g${i}`),
      },
      'erin',
      'ghost',
    ]);

    expect(result).toEqual({
      bob: ErrorCode.SnsInvalidParameters,
      carol: ErrorCode.SnsInvalidParameters,
      dave: ErrorCode.FriendGroupLimitReached,
      erin: ErrorCode.SnsInvalidParameters,
      ghost: ErrorCode.SnsAccountNotFound,
    });
    expect(await friendRows(app)).toEqual(['alice->erin']);
  });

  it('is for the App admin only (30004 for a user)', async () => {
    const app = await newApp(t, ['alice', 'bob']);

    expect(
      await codeOf(
        call(
          t,
          RelationRpc.ImportFriends,
          { userId: 'alice', items: [{ toUserId: 'bob', addSource: SOURCE }] },
          asUser(app, 'alice'),
        ),
      ),
    ).toBe(ErrorCode.SnsAdminRequired);
  });
});

describe(RelationRpc.UpdateFriends, () => {
  it('changes remark, lists and custom fields; refuses other tags and non-friends', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol', 'dave'], { snsCustomFields: CUSTOM });
    await importFriends(app, 'alice', ['bob', 'carol']);

    const reply = await call(
      t,
      RelationRpc.UpdateFriends,
      {
        userId: 'alice',
        items: [
          {
            toUserId: 'bob',
            items: [
              { tag: 'Tag_SNS_IM_Remark', value: 'Bobby' },
              { tag: 'Tag_SNS_IM_Group', value: ['close'] },
              { tag: 'Tag_SNS_Custom_Level', value: 'silver' },
            ],
          },
          { toUserId: 'carol', items: [{ tag: 'Tag_SNS_IM_AddSource', value: SOURCE }] },
          { toUserId: 'dave', items: [{ tag: 'Tag_SNS_IM_Remark', value: 'D' }] },
        ],
      },
      as(app),
    );

    expect(codes(reply)).toEqual({
      bob: 0,
      carol: ErrorCode.SnsInvalidParameters,
      dave: ErrorCode.NotAFriend,
    });
    const { rows } = await t.pg.query(
      `SELECT remark, groups, custom FROM friends WHERE sdk_app_id = $1 AND friend_id = 'bob'`,
      [app],
    );
    expect(rows).toEqual([
      { remark: 'Bobby', groups: ['close'], custom: { Tag_SNS_Custom_Level: 'silver' } },
    ]);
    const event = await t.events.next(RelationEvt.FriendsUpdated, app, (e) => e.userId === 'alice');
    expect(event.friendIds).toEqual(['bob']);
  });
});

describe(RelationRpc.DeleteFriends, () => {
  it('single removes one direction, both removes both, a non-friend is 31704 (REL-24 … 26)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol', 'dave']);
    await befriend(app, 'alice', 'bob');
    await befriend(app, 'alice', 'carol');

    const single = await call(
      t,
      RelationRpc.DeleteFriends,
      { userId: 'alice', toUserIds: ['bob', 'dave'] },
      as(app),
    );
    const both = await call(
      t,
      RelationRpc.DeleteFriends,
      { userId: 'alice', toUserIds: ['carol'], deleteType: 'both' },
      as(app),
    );

    expect(codes(single)).toEqual({ bob: 0, dave: ErrorCode.NotAFriend });
    expect(codes(both)).toEqual({ carol: 0 });
    expect(await friendRows(app)).toEqual(['bob->alice']);
    const event = await t.events.next(RelationEvt.FriendsDeleted, app, (e) => e.userId === 'carol');
    expect(event).toMatchObject({ friendIds: ['alice'], via: 'delete' });
    expectValid(FriendsDeletedEvent, event);
  });

  it('delete_all empties the table, both ways when asked', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol', 'dave']);
    await befriend(app, 'alice', 'bob');
    await befriend(app, 'alice', 'carol');
    await befriend(app, 'dave', 'bob');

    const reply = await call(
      t,
      RelationRpc.DeleteAllFriends,
      { userId: 'alice', deleteType: 'both' },
      as(app),
    );

    expect(reply).toEqual({ deletedCount: 2 });
    expect(await friendRows(app)).toEqual(['bob->dave', 'dave->bob']);
  });
});

describe(RelationRpc.CheckFriends, () => {
  it('answers every relation of the single and both checks (REL-32 … 34)', async () => {
    const app = await newApp(t, ['a', 'both', 'mine', 'theirs', 'none']);
    await befriend(app, 'a', 'both');
    await importFriends(app, 'a', ['mine']);
    await importFriends(app, 'theirs', ['a']);
    const toUserIds = ['both', 'mine', 'theirs', 'none', 'a'];

    const both = await call(
      t,
      RelationRpc.CheckFriends,
      { userId: 'a', toUserIds, checkType: 'both' },
      as(app),
    );
    const single = await call(
      t,
      RelationRpc.CheckFriends,
      { userId: 'a', toUserIds, checkType: 'single' },
      as(app),
    );

    expect(both.results.map((r) => [r.userId, r.relation, r.code])).toEqual([
      ['both', 'BothWay', 0],
      ['mine', 'AWithB', 0],
      ['theirs', 'BWithA', 0],
      ['none', 'NoRelation', 0],
      ['a', 'NoRelation', ErrorCode.SnsInvalidParameters],
    ]);
    expect(single.results.map((r) => r.relation)).toEqual([
      'AWithB',
      'AWithB',
      'NoRelation',
      'NoRelation',
      'NoRelation',
    ]);
  });
});

describe(RelationRpc.GetFriends, () => {
  it('pages by 100 with FriendNum, CompleteFlag and NextStartIndex', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `f${String(i).padStart(3, '0')}`);
    const app = await newApp(t, ['alice', ...ids]);
    for (let i = 0; i < ids.length; i += 100)
      await importFriends(app, 'alice', ids.slice(i, i + 100));

    const first = await call(
      t,
      RelationRpc.GetFriends,
      { userId: 'alice', startIndex: 0 },
      as(app),
    );
    const second = await call(
      t,
      RelationRpc.GetFriends,
      { userId: 'alice', startIndex: first.nextStartIndex },
      as(app),
    );

    expect(first).toMatchObject({ friendCount: 150, isComplete: false, nextStartIndex: 100 });
    expect(second).toMatchObject({ friendCount: 150, isComplete: true, nextStartIndex: 0 });
    expect([...first.friends, ...second.friends].map((f) => f.userId)).toEqual(ids);
  });

  it('moves the sequences on changes and leaves out the fields of a current copy', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol'], { snsCustomFields: CUSTOM });
    await importFriends(app, 'alice', ['bob']);
    const v1 = await call(t, RelationRpc.GetFriends, { userId: 'alice', startIndex: 0 }, as(app));

    const same = await call(
      t,
      RelationRpc.GetFriends,
      {
        userId: 'alice',
        startIndex: 0,
        standardSequence: v1.standardSequence,
        customSequence: v1.customSequence,
      },
      as(app),
    );
    await call(
      t,
      RelationRpc.UpdateFriends,
      {
        userId: 'alice',
        items: [{ toUserId: 'bob', items: [{ tag: 'Tag_SNS_Custom_Level', value: 'x' }] }],
      },
      as(app),
    );
    const v2 = await call(t, RelationRpc.GetFriends, { userId: 'alice', startIndex: 0 }, as(app));
    await importFriends(app, 'alice', ['carol']);
    const v3 = await call(t, RelationRpc.GetFriends, { userId: 'alice', startIndex: 0 }, as(app));

    expect(v1.standardSequence).toBeGreaterThan(0);
    expect(same.friends).toEqual([{ userId: 'bob', items: [] }]);
    expect(v2.standardSequence).toBe(v1.standardSequence);
    expect(v2.customSequence).toBeGreaterThan(v1.customSequence);
    expect(v3.standardSequence).toBeGreaterThan(v2.standardSequence);
    expect(v3.customSequence).toBeGreaterThan(v2.customSequence);
  });
});

describe(RelationRpc.GetFriendProfiles, () => {
  it('mixes profile and friend tags in the order asked; 31704 for a non-friend (REL-29)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await setProfile(t, app, 'bob', [{ tag: 'Tag_Profile_IM_Nick', value: 'Bobby' }]);
    await importFriends(app, 'alice', [{ toUserId: 'bob', addSource: SOURCE, remark: 'B' }]);

    const reply = await call(
      t,
      RelationRpc.GetFriendProfiles,
      {
        userId: 'alice',
        toUserIds: ['bob', 'carol'],
        tags: ['Tag_SNS_IM_Remark', 'Tag_Profile_IM_Nick', 'Tag_SNS_IM_AddSource'],
      },
      as(app),
    );

    expect(reply.results).toEqual([
      {
        userId: 'bob',
        items: [
          { tag: 'Tag_SNS_IM_Remark', value: 'B' },
          { tag: 'Tag_Profile_IM_Nick', value: 'Bobby' },
          { tag: 'Tag_SNS_IM_AddSource', value: SOURCE },
        ],
        code: 0,
        message: '',
      },
      { userId: 'carol', items: [], code: ErrorCode.NotAFriend, message: 'not a friend' },
    ]);
  });

  it('refuses an unknown tag with 30001', async () => {
    const app = await newApp(t, ['alice']);

    for (const tag of ['Tag_SNS_Custom_Nope', 'Tag_Profile_Custom_Nope', 'Nick']) {
      expect(
        await codeOf(
          call(
            t,
            RelationRpc.GetFriendProfiles,
            { userId: 'alice', toUserIds: ['bob'], tags: [tag] },
            as(app),
          ),
        ),
      ).toBe(ErrorCode.SnsInvalidParameters);
    }
  });
});

describe(RelationRpc.SyncFriends, () => {
  it('returns what was added, changed and deleted since a sequence (REL-28 a, AMB-30)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol', 'dave']);
    await importFriends(app, 'alice', ['bob', 'carol']);
    const full = await call(
      t,
      RelationRpc.SyncFriends,
      { userId: 'alice', sinceSequence: 0 },
      asUser(app, 'alice'),
    );

    await call(
      t,
      RelationRpc.UpdateFriends,
      {
        userId: 'alice',
        items: [{ toUserId: 'bob', items: [{ tag: 'Tag_SNS_IM_Remark', value: 'B' }] }],
      },
      as(app),
    );
    await call(t, RelationRpc.DeleteFriends, { userId: 'alice', toUserIds: ['carol'] }, as(app));
    await importFriends(app, 'alice', ['dave']);
    const delta = await call(
      t,
      RelationRpc.SyncFriends,
      { userId: 'alice', sinceSequence: full.sequence },
      asUser(app, 'alice'),
    );
    const nothing = await call(
      t,
      RelationRpc.SyncFriends,
      { userId: 'alice', sinceSequence: delta.sequence },
      as(app),
    );

    expect(full.friends.map((f) => f.userId)).toEqual(['bob', 'carol']);
    expect(full).toMatchObject({ deletedUserIds: [], isComplete: true, nextStartIndex: 0 });
    expect(delta.friends.map((f) => f.userId)).toEqual(['bob', 'dave']);
    expect(delta.friends[0].items).toContainEqual({ tag: 'Tag_SNS_IM_Remark', value: 'B' });
    expect(delta.deletedUserIds).toEqual(['carol']);
    expect(delta.sequence).toBe(full.sequence + 3);
    expect(nothing).toEqual({
      friends: [],
      deletedUserIds: [],
      sequence: delta.sequence,
      isComplete: true,
      nextStartIndex: 0,
    });
  });
});

describe(RelationRpc.FindFriends, () => {
  it("finds a friend by user ID or exact nickname among the user's friends (REL-30)", async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol', 'dave', 'erin']);
    await setProfile(t, app, 'carol', [{ tag: 'Tag_Profile_IM_Nick', value: 'bob' }]);
    await setProfile(t, app, 'dave', [{ tag: 'Tag_Profile_IM_Nick', value: 'bobby' }]);
    await setProfile(t, app, 'erin', [{ tag: 'Tag_Profile_IM_Nick', value: 'bob' }]);
    await importFriends(app, 'alice', ['bob', 'carol', 'dave']);

    const byBoth = await call(
      t,
      RelationRpc.FindFriends,
      { userId: 'alice', keyword: 'bob' },
      asUser(app, 'alice'),
    );
    const none = await call(
      t,
      RelationRpc.FindFriends,
      { userId: 'alice', keyword: 'bo' },
      as(app),
    );

    expect(byBoth.friendIds).toEqual(['bob', 'carol']);
    expect(none.friendIds).toEqual([]);
  });
});

describe('blacklist', () => {
  it('adding ends the friendship both ways and the pending requests between them (REL-38)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await befriend(app, 'alice', 'bob');
    await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'carol', items: [{ toUserId: 'alice', addSource: SOURCE }] },
      as(app),
    );

    const reply = await call(
      t,
      RelationRpc.AddToBlacklist,
      { userId: 'alice', toUserIds: ['bob', 'carol', 'ghost', 'alice'] },
      as(app),
    );

    expect(codes(reply)).toEqual({
      bob: 0,
      carol: 0,
      ghost: ErrorCode.SnsAccountNotFound,
      alice: ErrorCode.SnsInvalidParameters,
    });
    expect(await friendRows(app)).toEqual([]);
    const { rows } = await t.pg.query('SELECT 1 FROM friend_requests WHERE sdk_app_id = $1', [app]);
    expect(rows).toEqual([]);
    const event = await t.events.next(RelationEvt.BlacklistChanged, app);
    expect(event).toMatchObject({
      userId: 'alice',
      addedUserIds: ['bob', 'carol'],
      removedUserIds: [],
    });
    expectValid(BlacklistChangedEvent, event);
    await t.events.next(RelationEvt.FriendRequestHandled, app, (e) => e.action === 'deleted');
    await t.events.next(
      RelationEvt.FriendsDeleted,
      app,
      (e) => e.userId === 'bob' && e.via === 'blacklist',
    );
  });

  it('removing does not bring the friendship back; absent entries answer 0', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    await befriend(app, 'alice', 'bob');
    await call(t, RelationRpc.AddToBlacklist, { userId: 'alice', toUserIds: ['bob'] }, as(app));

    const reply = await call(
      t,
      RelationRpc.RemoveFromBlacklist,
      { userId: 'alice', toUserIds: ['bob', 'nobody'] },
      as(app),
    );

    expect(codes(reply)).toEqual({ bob: 0, nobody: 0 });
    expect(await friendRows(app)).toEqual([]);
    const check = await call(
      t,
      RelationRpc.CheckBlacklist,
      { userId: 'alice', toUserIds: ['bob'], checkType: 'both' },
      as(app),
    );
    expect(check.results[0].relation).toBe('NoRelation');
  });

  it('stops at the app limit with 30013 (REL-35)', async () => {
    const app = await newApp(t, ['alice', 'b1', 'b2', 'b3'], { blacklistLimit: 2 });

    const reply = await call(
      t,
      RelationRpc.AddToBlacklist,
      { userId: 'alice', toUserIds: ['b1', 'b2', 'b3', 'b1'] },
      as(app),
    );

    expect(codes(reply)).toEqual({ b1: 0, b2: 0, b3: ErrorCode.BlacklistLimitReached });
  });

  it('pages the blacklist with StartIndex, MaxLimited and a sequence that moves (REL-37)', async () => {
    const app = await newApp(t, ['alice', 'b1', 'b2', 'b3']);
    await call(
      t,
      RelationRpc.AddToBlacklist,
      { userId: 'alice', toUserIds: ['b1', 'b2', 'b3'] },
      as(app),
    );

    const first = await call(
      t,
      RelationRpc.GetBlacklist,
      { userId: 'alice', startIndex: 0, maxCount: 2, lastSequence: 0 },
      as(app),
    );
    const second = await call(
      t,
      RelationRpc.GetBlacklist,
      {
        userId: 'alice',
        startIndex: first.nextStartIndex,
        maxCount: 2,
        lastSequence: first.sequence,
      },
      as(app),
    );
    await call(t, RelationRpc.RemoveFromBlacklist, { userId: 'alice', toUserIds: ['b1'] }, as(app));
    const after = await call(
      t,
      RelationRpc.GetBlacklist,
      { userId: 'alice', startIndex: 0, maxCount: 10 },
      as(app),
    );

    expect(first.entries.map((e) => e.userId)).toEqual(['b1', 'b2']);
    expect(first.nextStartIndex).toBe(2);
    expect(first.entries[0].addedAt).toBeGreaterThan(1_700_000_000);
    expect(second.entries.map((e) => e.userId)).toEqual(['b3']);
    expect(second.nextStartIndex).toBe(0);
    expect(first.sequence).toBeGreaterThan(0);
    expect(after.sequence).toBeGreaterThan(first.sequence);
    expect(after.entries.map((e) => e.userId)).toEqual(['b2', 'b3']);
  });

  it('checks single and both ways (REL-39, REL-40)', async () => {
    const app = await newApp(t, ['a', 'both', 'mine', 'theirs', 'none']);
    await call(
      t,
      RelationRpc.AddToBlacklist,
      { userId: 'a', toUserIds: ['both', 'mine'] },
      as(app),
    );
    await call(t, RelationRpc.AddToBlacklist, { userId: 'both', toUserIds: ['a'] }, as(app));
    await call(t, RelationRpc.AddToBlacklist, { userId: 'theirs', toUserIds: ['a'] }, as(app));
    const toUserIds = ['both', 'mine', 'theirs', 'none'];

    const both = await call(
      t,
      RelationRpc.CheckBlacklist,
      { userId: 'a', toUserIds, checkType: 'both' },
      as(app),
    );
    const single = await call(
      t,
      RelationRpc.CheckBlacklist,
      { userId: 'a', toUserIds, checkType: 'single' },
      as(app),
    );

    expect(both.results.map((r) => r.relation)).toEqual([
      'BothWay',
      'AWithB',
      'BWithA',
      'NoRelation',
    ]);
    expect(single.results.map((r) => r.relation)).toEqual([
      'AWithB',
      'AWithB',
      'NoRelation',
      'NoRelation',
    ]);
  });
});

describe('friend lists (REL-6)', () => {
  it('creates lists with friends in them, gets them with members and deletes them', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol', 'dave']);
    await importFriends(app, 'alice', ['bob', 'carol']);

    const created = await call(
      t,
      RelationRpc.CreateFriendLists,
      { userId: 'alice', names: ['work', 'gym'], toUserIds: ['bob', 'dave'] },
      as(app),
    );
    const all = await call(
      t,
      RelationRpc.GetFriendLists,
      { userId: 'alice', withFriends: true },
      as(app),
    );
    const unchanged = await call(
      t,
      RelationRpc.GetFriendLists,
      { userId: 'alice', lastSequence: created.sequence },
      as(app),
    );
    const deleted = await call(
      t,
      RelationRpc.DeleteFriendLists,
      { userId: 'alice', names: ['work'] },
      as(app),
    );
    const after = await call(
      t,
      RelationRpc.GetFriendLists,
      { userId: 'alice', withFriends: true },
      as(app),
    );

    expect(codes(created)).toEqual({ bob: 0, dave: ErrorCode.NotAFriend });
    expect(created.sequence).toBeGreaterThan(0);
    expect(all.lists).toEqual([
      { name: 'work', friendCount: 1, friendIds: ['bob'] },
      { name: 'gym', friendCount: 1, friendIds: ['bob'] },
    ]);
    expect(unchanged.lists).toEqual([]);
    expect(deleted.sequence).toBeGreaterThan(created.sequence);
    expect(after.lists).toEqual([{ name: 'gym', friendCount: 1, friendIds: ['bob'] }]);
    const { rows } = await t.pg.query(
      `SELECT groups FROM friends WHERE sdk_app_id = $1 AND friend_id = 'bob'`,
      [app],
    );
    expect(rows).toEqual([{ groups: ['gym'] }]);
  });

  it('refuses a 33rd list with 30011, bad or taken names and unknown lists with 30001', async () => {
    const app = await newApp(t, ['alice']);
    const names = Array.from({ length: 32 }, (_, i) => `list${i}`);
    await call(t, RelationRpc.CreateFriendLists, { userId: 'alice', names }, as(app));

    const over = codeOf(
      call(t, RelationRpc.CreateFriendLists, { userId: 'alice', names: ['one-more'] }, as(app)),
    );
    const taken = codeOf(
      call(t, RelationRpc.CreateFriendLists, { userId: 'alice', names: ['list0'] }, as(app)),
    );
    const empty = codeOf(
      call(t, RelationRpc.CreateFriendLists, { userId: 'alice', names: [''] }, as(app)),
    );
    const long = codeOf(
      call(t, RelationRpc.CreateFriendLists, { userId: 'alice', names: ['n'.repeat(31)] }, as(app)),
    );
    const unknown = codeOf(
      call(t, RelationRpc.DeleteFriendLists, { userId: 'alice', names: ['nope'] }, as(app)),
    );

    expect(await over).toBe(ErrorCode.FriendGroupLimitReached);
    expect(await taken).toBe(ErrorCode.SnsInvalidParameters);
    expect(await empty).toBe(ErrorCode.SnsInvalidParameters);
    expect(await long).toBe(ErrorCode.SnsInvalidParameters);
    expect(await unknown).toBe(ErrorCode.SnsInvalidParameters);
  });
});

describe('recommendation buffer (REL-41, AMB-34)', () => {
  it('stores user IDs with notes, replaces notes, removes entries; notes ≤ 500 bytes', async () => {
    const app = await newApp(t, ['alice']);

    const added = await call(
      t,
      RelationRpc.AddRecommendations,
      {
        userId: 'alice',
        items: [
          { userId: 'bob', note: 'same school' },
          { userId: 'carol' },
          { userId: 'dave', note: 'n'.repeat(501) },
        ],
      },
      asUser(app, 'alice'),
    );
    await call(
      t,
      RelationRpc.AddRecommendations,
      { userId: 'alice', items: [{ userId: 'bob', note: 'n'.repeat(500) }] },
      as(app),
    );
    await call(
      t,
      RelationRpc.RemoveRecommendations,
      { userId: 'alice', toUserIds: ['carol'] },
      as(app),
    );
    const got = await call(
      t,
      RelationRpc.GetRecommendations,
      { userId: 'alice' },
      asUser(app, 'alice'),
    );

    expect(codes(added)).toEqual({ bob: 0, carol: 0, dave: ErrorCode.SnsInvalidParameters });
    expect(got.items).toEqual([
      { userId: 'bob', note: 'n'.repeat(500), addedAt: expect.any(Number) },
    ]);
    await t.events.next(RelationEvt.RecommendationsChanged, app);
  });

  it('holds at most 1000 entries', async () => {
    const app = await newApp(t, ['alice']);
    const items = Array.from({ length: 1000 }, (_, i) => ({ userId: `r${i}` }));
    await call(t, RelationRpc.AddRecommendations, { userId: 'alice', items }, as(app));

    const reply = await call(
      t,
      RelationRpc.AddRecommendations,
      { userId: 'alice', items: [{ userId: 'r1', note: 'again' }, { userId: 'one-more' }] },
      as(app),
    );

    expect(codes(reply)).toEqual({ r1: 0, 'one-more': ErrorCode.SnsInvalidParameters });
  });
});

describe('answers for other services (cached in Redis)', () => {
  it('tells whether A and B are friends and whether one blocks the other, following changes', async () => {
    const app = await newApp(t, ['alice', 'bob']);
    const service = as(app, 'service', 'message');
    const pair = { userId: 'alice', peerUserId: 'bob' };

    const before = await call(t, RelationRpc.AreFriends, pair, service);
    await importFriends(app, 'alice', ['bob']);
    const afterAdd = await call(t, RelationRpc.AreFriends, pair, service);
    const single = await call(t, RelationRpc.AreFriends, { ...pair, checkType: 'single' }, service);
    await call(t, RelationRpc.AddToBlacklist, { userId: 'bob', toUserIds: ['alice'] }, as(app));
    const afterBlock = await call(t, RelationRpc.AreFriends, pair, service);
    const blocked = await call(t, RelationRpc.IsBlacklisted, pair, service);

    expect(before).toEqual({ userHasPeer: false, peerHasUser: false });
    expect(afterAdd).toEqual({ userHasPeer: true, peerHasUser: false });
    expect(single).toEqual({ userHasPeer: true });
    expect(afterBlock).toEqual({ userHasPeer: false, peerHasUser: false });
    expect(blocked).toEqual({ userBlocksPeer: false, peerBlocksUser: true });
    const key = RelationCacheKeys.blacklist(app, 'bob');
    expect(await redis.sismember(key, 'alice')).toBe(1);
    expect(await redis.ttl(key)).toBeGreaterThan(0);
  });
});

describe('consumed events', () => {
  it('removes the relation data of deleted accounts (account.evt.deleted)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await befriend(app, 'alice', 'bob');
    await importFriends(app, 'carol', ['alice']);
    await call(t, RelationRpc.AddToBlacklist, { userId: 'carol', toUserIds: ['bob'] }, as(app));
    await call(t, RelationRpc.AddToBlacklist, { userId: 'bob', toUserIds: ['carol'] }, as(app));
    await call(t, RelationRpc.CreateFriendLists, { userId: 'bob', names: ['x'] }, as(app));
    await call(
      t,
      RelationRpc.AddFriends,
      { userId: 'bob', items: [{ toUserId: 'carol', addSource: SOURCE }] },
      as(app),
    );

    await t.bus.request(AccountRpc.Delete, { userIds: ['bob'] }, as(app));

    await waitFor(async () => expect(await friendRows(app)).toEqual(['carol->alice']), {
      timeoutMs: 10_000,
    });
    for (const table of ['blacklist', 'friend_lists', 'friend_requests']) {
      const { rows } = await t.pg.query(`SELECT 1 FROM ${table} WHERE sdk_app_id = $1`, [app]);
      expect([table, rows]).toEqual([table, []]);
    }
    await t.events.next(
      RelationEvt.FriendsDeleted,
      app,
      (e) => e.userId === 'alice' && e.via === 'account-deleted',
    );
    await t.events.next(RelationEvt.BlacklistChanged, app, (e) => e.userId === 'carol');
  });

  it('tells the friends of a user who changed a standard profile field (REL-44)', async () => {
    const app = await newApp(t, ['alice', 'bob', 'carol']);
    await importFriends(app, 'bob', ['alice']);
    await importFriends(app, 'carol', ['alice']);

    await setProfile(t, app, 'alice', [{ tag: 'Tag_Profile_IM_Nick', value: 'Alice!' }]);

    const event = await t.events.next(RelationEvt.FriendProfileChanged, app);
    expect(event).toMatchObject({ userId: 'alice', toUserIds: ['bob', 'carol'] });
    expect(event.changedTags).toContain('Tag_Profile_IM_Nick');
    expectValid(FriendProfileChangedEvent, event);
  });
});

describe('payload validation', () => {
  it.each<[string, unknown]>([
    ['userId is a number', { userId: 1, items: [] }],
    ['items is not an array', { userId: 'a', items: 'b' }],
    ['an item has no toUserId', { userId: 'a', items: [{ addSource: SOURCE }] }],
    [
      '101 items',
      { userId: 'a', items: Array.from({ length: 101 }, (_, i) => ({ toUserId: `u${i}` })) },
    ],
    ['addType is unknown', { userId: 'a', items: [{ toUserId: 'b' }], addType: 'Add_Type_Both' }],
  ])('refuses add-friends when %s with 30001', async (_name, payload) => {
    const app = await newApp(t, []);

    expect(await codeOf(send(t, RelationRpc.AddFriends, payload, as(app)))).toBe(
      ErrorCode.SnsInvalidParameters,
    );
  });
});
