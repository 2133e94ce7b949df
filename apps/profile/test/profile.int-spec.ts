/**
 * portrait_set / portrait_get / get-settings over NATS against the real service: replies,
 * PostgreSQL rows, Redis keys and the events it publishes. The service runs in this process;
 * the account service (which owns accounts and the app registry) runs as a process from its
 * build. Everything on servers of this file's own (see ProfileWorld).
 *
 * Each test creates its own app(s), so tests share no accounts.
 */
import { randomUUID } from 'node:crypto';

import {
  ErrorCode,
  EventStreams,
  ProfileChangedEvent,
  ProfileEvt,
  ProfileRpc,
  ProfileTags,
} from '@im/contracts';
import type { ProfileCustomFieldDeclaration, ProfileItem } from '@im/contracts';

import { ProfileCacheKeys } from '../src/profile.cache-keys';
import { as, asUser, expectRemoteError, expectValidEvent, ProfileWorld } from './profile.harness';

let world: ProfileWorld;

beforeAll(async () => {
  world = await ProfileWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const T = ProfileTags;
const ALL_STANDARD = Object.values(ProfileTags);

const MOOD: ProfileCustomFieldDeclaration = {
  key: 'Tag_Profile_Custom_Mood',
  type: 'string',
  read: ['App', 'AppAdmin'],
  write: ['App', 'AppAdmin'],
};
const SECRET: ProfileCustomFieldDeclaration = {
  key: 'Tag_Profile_Custom_Secret',
  type: 'bytes',
  read: ['AppAdmin'],
  write: ['AppAdmin'],
};
const STATUS: ProfileCustomFieldDeclaration = {
  key: 'Tag_Profile_Custom_Status',
  type: 'string',
  read: ['App', 'AppAdmin'],
  write: ['App'],
};

/** A fresh app with these accounts imported. */
async function appWith(
  userIds: string[],
  fields?: ProfileCustomFieldDeclaration[],
): Promise<number> {
  const sdkAppId = await world.newApp(fields);
  if (userIds.length) await world.importAccounts(sdkAppId, ...userIds);
  return sdkAppId;
}

const EVERY_FIELD: ProfileItem[] = [
  { tag: T.Nick, value: 'Alice \u4e2d\u6587' },
  { tag: T.Gender, value: 'Gender_Type_Female' },
  { tag: T.BirthDay, value: 19800101 },
  { tag: T.Location, value: '\u0000\u0000\u0000V\u0000\u0000\u0000\u0001' },
  { tag: T.SelfSignature, value: 'hello' },
  { tag: T.AllowType, value: 'AllowType_Type_AllowAny' },
  { tag: T.Language, value: 2052 },
  { tag: T.Image, value: 'https://img.example/a.png' },
  { tag: T.MsgSettings, value: 0xffffffff },
  { tag: T.AdminForbidType, value: 'AdminForbid_Type_SendOut' },
  { tag: T.Level, value: 0 },
  { tag: T.Role, value: 4294967295 },
];

// ---------------------------------------------------------------------------------------------

describe(ProfileRpc.Set, () => {
  it('stores every standard field and reads it back, integers as numbers (PRF-7)', async () => {
    const sdkAppId = await appWith(['alice']);

    const reply = await world.set(sdkAppId, 'alice', EVERY_FIELD);

    expect(reply.changedTags).toEqual(
      EVERY_FIELD.filter((i) => i.tag !== T.Level).map((i) => i.tag),
    );
    expect(await world.itemsOf(sdkAppId, 'alice', ALL_STANDARD)).toEqual(EVERY_FIELD);
  });

  it('keeps the typed columns in PostgreSQL: location as bytes, integers as bigint', async () => {
    const sdkAppId = await appWith(['alice']);

    await world.set(sdkAppId, 'alice', EVERY_FIELD);

    expect(await world.row(sdkAppId, 'alice')).toMatchObject({
      nick: 'Alice \u4e2d\u6587',
      gender: 'Gender_Type_Female',
      birth_day: '19800101',
      location: Buffer.from([0, 0, 0, 0x56, 0, 0, 0, 1]),
      msg_settings: '4294967295',
      admin_forbid_type: 'AdminForbid_Type_SendOut',
      custom: {},
    });
  });

  it('changes only the given fields and keeps the others', async () => {
    const sdkAppId = await appWith(['alice']);
    await world.set(sdkAppId, 'alice', [
      { tag: T.Nick, value: 'Alice' },
      { tag: T.Level, value: 5 },
    ]);

    await world.set(sdkAppId, 'alice', [{ tag: T.Level, value: 6 }]);

    expect(await world.itemsOf(sdkAppId, 'alice', [T.Nick, T.Level])).toEqual([
      { tag: T.Nick, value: 'Alice' },
      { tag: T.Level, value: 6 },
    ]);
  });

  it('keeps the bits of MsgSettings it does not interpret (PRF-12)', async () => {
    const sdkAppId = await appWith(['alice']);

    await world.set(sdkAppId, 'alice', [{ tag: T.MsgSettings, value: 0b1010_0001 }]);

    expect(await world.itemsOf(sdkAppId, 'alice', [T.MsgSettings])).toEqual([
      { tag: T.MsgSettings, value: 0b1010_0001 },
    ]);
  });

  it('accepts the limits exactly: 500-byte Nick, 16-byte Location, 2^32-1', async () => {
    const sdkAppId = await appWith(['alice']);
    const items = [
      { tag: T.Nick, value: '\u00e9'.repeat(250) },
      { tag: T.SelfSignature, value: 's'.repeat(500) },
      { tag: T.Image, value: 'i'.repeat(500) },
      { tag: T.Location, value: 'l'.repeat(16) },
      { tag: T.BirthDay, value: 0xffffffff },
    ];

    await world.set(sdkAppId, 'alice', items);

    expect(
      await world.itemsOf(
        sdkAppId,
        'alice',
        items.map((i) => i.tag),
      ),
    ).toEqual(items);
  });

  describe('refuses the whole call and changes nothing (PRF-24)', () => {
    const cases: [string, ProfileItem, number][] = [
      [
        'a Nick of 501 bytes',
        { tag: T.Nick, value: 'n'.repeat(501) },
        ErrorCode.ProfileValueTooLong,
      ],
      [
        'a SelfSignature of 501 bytes',
        { tag: T.SelfSignature, value: '\u4e2d'.repeat(167) },
        ErrorCode.ProfileValueTooLong,
      ],
      [
        'an Image of 501 bytes',
        { tag: T.Image, value: 'i'.repeat(501) },
        ErrorCode.ProfileValueTooLong,
      ],
      [
        'a Location of 17 bytes',
        { tag: T.Location, value: 'l'.repeat(17) },
        ErrorCode.ProfileValueTooLong,
      ],
      [
        'a Gender outside its values',
        { tag: T.Gender, value: 'Gender_Type_Robot' },
        ErrorCode.ProfileValueInvalid,
      ],
      [
        'an AllowType outside its values',
        { tag: T.AllowType, value: 'AllowType_Type_Sometimes' },
        ErrorCode.ProfileValueInvalid,
      ],
      [
        'an AdminForbidType outside its values',
        { tag: T.AdminForbidType, value: 'AdminForbid_Type_All' },
        ErrorCode.ProfileValueInvalid,
      ],
      ['a negative Level', { tag: T.Level, value: -1 }, ErrorCode.ProfileValueInvalid],
      ['a Role of 2^32', { tag: T.Role, value: 0x100000000 }, ErrorCode.ProfileValueInvalid],
      ['U+0000 in a Nick', { tag: T.Nick, value: 'a\u0000' }, ErrorCode.ProfileValueInvalid],
      ['a number for Nick', { tag: T.Nick, value: 42 }, ErrorCode.ProfileValueWrongType],
      [
        'a string for BirthDay',
        { tag: T.BirthDay, value: '19800101' },
        ErrorCode.ProfileValueWrongType,
      ],
      ['a fraction for Language', { tag: T.Language, value: 1.5 }, ErrorCode.ProfileValueWrongType],
      [
        'a boolean for Gender',
        { tag: T.Gender, value: true as never },
        ErrorCode.ProfileValueWrongType,
      ],
      [
        'an unknown standard-looking tag',
        { tag: 'Tag_Profile_IM_Age', value: 3 },
        ErrorCode.ProfileTagNotFound,
      ],
      [
        'an undeclared custom tag',
        { tag: 'Tag_Profile_Custom_Nope', value: 'x' },
        ErrorCode.ProfileTagNotFound,
      ],
      [
        'a malformed tag (PRF-2)',
        { tag: 'Tag Profile!', value: 'x' },
        ErrorCode.ProfileInvalidParameters,
      ],
    ];

    it.each(cases)('for %s, with its code', async (_case, bad, code) => {
      const sdkAppId = await appWith(['alice']);
      await world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'Before' }]);

      await expectRemoteError(
        world.set(sdkAppId, 'alice', [
          { tag: T.Nick, value: 'After' },
          { tag: T.Level, value: 9 },
          bad,
        ]),
        code,
      );

      expect(await world.itemsOf(sdkAppId, 'alice', [T.Nick, T.Level])).toEqual([
        { tag: T.Nick, value: 'Before' },
        { tag: T.Level, value: 0 },
      ]);
    });

    it('with the code of the first bad item in request order', async () => {
      const sdkAppId = await appWith(['alice']);

      await expectRemoteError(
        world.set(sdkAppId, 'alice', [
          { tag: T.Gender, value: 1 },
          { tag: T.Nick, value: 'n'.repeat(501) },
        ]),
        ErrorCode.ProfileValueWrongType,
      );
    });
  });

  it('answers 40003 for an account that was never imported and stores nothing', async () => {
    const sdkAppId = await appWith(['alice']);

    await expectRemoteError(
      world.set(sdkAppId, 'ghost', [{ tag: T.Nick, value: 'Boo' }]),
      ErrorCode.ProfileAccountNotFound,
    );
    expect(await world.row(sdkAppId, 'ghost')).toBeUndefined();
  });

  it('answers 40001 for an impossible user ID and for a payload without items', async () => {
    const sdkAppId = await appWith([]);

    await expectRemoteError(
      world.set(sdkAppId, 'u'.repeat(33), [{ tag: T.Nick, value: 'x' }]),
      ErrorCode.ProfileInvalidParameters,
    );
    await expectRemoteError(
      world.send(ProfileRpc.Set, { userId: 'alice', items: [] }, as(sdkAppId)),
      ErrorCode.ProfileInvalidParameters,
    );
    await expectRemoteError(
      world.send(ProfileRpc.Set, { userId: 'alice', items: [{ tag: T.Nick }] }, as(sdkAppId)),
      ErrorCode.ProfileInvalidParameters,
    );
  });

  it('finds an account imported a moment ago', async () => {
    const sdkAppId = await world.newApp();
    await expectRemoteError(
      world.set(sdkAppId, 'late', [{ tag: T.Nick, value: 'x' }]),
      ErrorCode.ProfileAccountNotFound,
    );

    await world.importAccounts(sdkAppId, 'late');

    expect(await world.set(sdkAppId, 'late', [{ tag: T.Nick, value: 'x' }])).toEqual({
      changedTags: [T.Nick],
    });
  });

  it('takes the last value of a tag given twice', async () => {
    const sdkAppId = await appWith(['alice']);

    await world.set(sdkAppId, 'alice', [
      { tag: T.Nick, value: 'First' },
      { tag: T.Nick, value: 'Second' },
    ]);

    expect(await world.itemsOf(sdkAppId, 'alice', [T.Nick])).toEqual([
      { tag: T.Nick, value: 'Second' },
    ]);
  });

  describe('events (PRF-16)', () => {
    it('publishes profile.evt.changed with the changed tags and the operator', async () => {
      const sdkAppId = await appWith(['alice']);
      const requestId = randomUUID();
      await world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'Old' }]);

      await world.set(
        sdkAppId,
        'alice',
        [
          { tag: T.Nick, value: 'New' },
          { tag: T.Gender, value: 'Gender_Type_Unknown' },
          { tag: T.Level, value: 3 },
        ],
        { context: { ...as(sdkAppId).context, requestId } },
      );

      const event = await world.events.next(
        ProfileEvt.Changed,
        sdkAppId,
        (e) => e.requestId === requestId,
      );
      expect(event).toEqual({
        eventId: expect.any(String),
        sdkAppId,
        occurredAt: expect.any(String),
        requestId,
        userId: 'alice',
        changedTags: [T.Nick, T.Level],
        standardChanged: true,
        operatorId: 'administrator',
      });
      expectValidEvent(ProfileChangedEvent, event);
    });

    it('stores the event in the PROFILE_EVENTS stream, de-duplicated by its eventId', async () => {
      const sdkAppId = await appWith(['alice']);

      await world.set(sdkAppId, 'alice', [{ tag: T.Image, value: 'https://img/x.png' }]);

      const event = await world.events.next(ProfileEvt.Changed, sdkAppId);
      const jsm = await world.bus.connection.jetstreamManager();
      const stored = await jsm.streams.getMessage(EventStreams.profile.name, {
        last_by_subj: ProfileEvt.Changed,
      });
      expect(stored.json<{ data: unknown }>().data).toEqual(event);
      expect(stored.header.get('Nats-Msg-Id')).toBe(event.eventId);
    });

    it('publishes nothing when the values did not change', async () => {
      const sdkAppId = await appWith(['alice']);
      await world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'Same' }]);
      await world.events.next(ProfileEvt.Changed, sdkAppId);

      const reply = await world.set(sdkAppId, 'alice', [
        { tag: T.Nick, value: 'Same' },
        { tag: T.AllowType, value: 'AllowType_Type_NeedConfirm' },
      ]);
      // A later change of the same app: had the no-op published, it would have arrived first.
      await world.set(sdkAppId, 'alice', [{ tag: T.Level, value: 1 }]);
      await world.events.next(ProfileEvt.Changed, sdkAppId, (e) => e.changedTags.includes(T.Level));

      expect(reply).toEqual({ changedTags: [] });
      expect(world.events.of(ProfileEvt.Changed, sdkAppId).map((e) => e.changedTags)).toEqual([
        [T.Nick],
        [T.Level],
      ]);
    });

    it('flags a change of custom fields only as not a standard change', async () => {
      const sdkAppId = await appWith(['alice'], [MOOD]);

      await world.set(sdkAppId, 'alice', [{ tag: MOOD.key, value: 'happy' }]);

      const event = await world.events.next(ProfileEvt.Changed, sdkAppId);
      expect(event).toMatchObject({ changedTags: [MOOD.key], standardChanged: false });
    });

    it('publishes nothing for a refused call', async () => {
      const sdkAppId = await appWith(['alice']);

      await expectRemoteError(
        world.set(sdkAppId, 'alice', [
          { tag: T.Nick, value: 'x' },
          { tag: T.Level, value: -1 },
        ]),
        ErrorCode.ProfileValueInvalid,
      );
      await world.set(sdkAppId, 'alice', [{ tag: T.Role, value: 1 }]);
      await world.events.next(ProfileEvt.Changed, sdkAppId);

      expect(world.events.of(ProfileEvt.Changed, sdkAppId).map((e) => e.changedTags)).toEqual([
        [T.Role],
      ]);
    });
  });
});

describe('permissions (PRF-5, PRF-6, AMB-20)', () => {
  it('lets a user set their own standard fields', async () => {
    const sdkAppId = await appWith(['alice']);

    await world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'Me' }], asUser(sdkAppId, 'alice'));

    const event = await world.events.next(ProfileEvt.Changed, sdkAppId);
    expect(event.operatorId).toBe('alice');
  });

  it("refuses a user changing another user's profile with 40004", async () => {
    const sdkAppId = await appWith(['alice', 'mallory']);

    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'Pwned' }], asUser(sdkAppId, 'mallory')),
      ErrorCode.ProfileAdminRequired,
    );
    expect(await world.row(sdkAppId, 'alice')).toBeUndefined();
  });

  it('refuses a user setting their own AdminForbidType with 40008; the App admin may', async () => {
    const sdkAppId = await appWith(['alice']);
    const item = { tag: T.AdminForbidType, value: 'AdminForbid_Type_None' };

    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'x' }, item], asUser(sdkAppId, 'alice')),
      ErrorCode.ProfileNoWritePermission,
    );
    await world.set(sdkAppId, 'alice', [{ ...item, value: 'AdminForbid_Type_SendOut' }]);

    expect(await world.itemsOf(sdkAppId, 'alice', [T.Nick, T.AdminForbidType])).toEqual([
      { tag: T.Nick, value: '' },
      { tag: T.AdminForbidType, value: 'AdminForbid_Type_SendOut' },
    ]);
  });

  it.each(['service', 'operator'] as const)(
    'lets the %s role act as the App admin',
    async (role) => {
      const sdkAppId = await appWith(['alice']);

      await world.set(
        sdkAppId,
        'alice',
        [{ tag: T.AdminForbidType, value: 'AdminForbid_Type_SendOut' }],
        as(sdkAppId, role, 'relation'),
      );

      expect(
        await world.itemsOf(sdkAppId, 'alice', [T.AdminForbidType], as(sdkAppId, role, 'relation')),
      ).toEqual([{ tag: T.AdminForbidType, value: 'AdminForbid_Type_SendOut' }]);
    },
  );

  it("lets a user read any user's standard fields", async () => {
    const sdkAppId = await appWith(['alice', 'bob']);
    await world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'Alice' }]);

    expect(await world.itemsOf(sdkAppId, 'alice', [T.Nick], asUser(sdkAppId, 'bob'))).toEqual([
      { tag: T.Nick, value: 'Alice' },
    ]);
  });

  it('follows custom field declarations: unreadable ones are left out, unwritable ones refused with 40008', async () => {
    const sdkAppId = await appWith(['alice'], [MOOD, SECRET, STATUS]);
    await world.set(sdkAppId, 'alice', [
      { tag: MOOD.key, value: 'happy' },
      { tag: SECRET.key, value: 'vip' },
    ]);
    await world.set(
      sdkAppId,
      'alice',
      [{ tag: STATUS.key, value: 'busy' }],
      asUser(sdkAppId, 'alice'),
    );
    const tags = [MOOD.key, SECRET.key, STATUS.key];

    expect(await world.itemsOf(sdkAppId, 'alice', tags)).toEqual([
      { tag: MOOD.key, value: 'happy' },
      { tag: SECRET.key, value: 'vip' },
      { tag: STATUS.key, value: 'busy' },
    ]);
    expect(await world.itemsOf(sdkAppId, 'alice', tags, asUser(sdkAppId, 'alice'))).toEqual([
      { tag: MOOD.key, value: 'happy' },
      { tag: STATUS.key, value: 'busy' },
    ]);
    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: SECRET.key, value: 'x' }], asUser(sdkAppId, 'alice')),
      ErrorCode.ProfileNoWritePermission,
    );
    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: STATUS.key, value: 'x' }]),
      ErrorCode.ProfileNoWritePermission,
    );
  });
});

describe('custom fields (PRF-17 … PRF-22)', () => {
  it('are usable right after the operator declares them (PRF-20)', async () => {
    const sdkAppId = await appWith(['alice']);
    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: MOOD.key, value: 'x' }]),
      ErrorCode.ProfileTagNotFound,
    );

    await world.declare(sdkAppId, [MOOD]);

    await world.set(sdkAppId, 'alice', [{ tag: MOOD.key, value: 'calm' }]);
    expect(await world.itemsOf(sdkAppId, 'alice', [MOOD.key])).toEqual([
      { tag: MOOD.key, value: 'calm' },
    ]);
  });

  it('are stored in the custom JSONB column, bytes with U+0000 in base64', async () => {
    const sdkAppId = await appWith(['alice'], [MOOD, SECRET]);

    await world.set(sdkAppId, 'alice', [
      { tag: MOOD.key, value: 'calm' },
      { tag: SECRET.key, value: '\u0000\u0001raw' },
    ]);

    expect((await world.row(sdkAppId, 'alice'))?.custom).toEqual({
      [MOOD.key]: 'calm',
      [SECRET.key]: { b64: Buffer.from('\u0000\u0001raw').toString('base64') },
    });
    expect(await world.itemsOf(sdkAppId, 'alice', [SECRET.key])).toEqual([
      { tag: SECRET.key, value: '\u0000\u0001raw' },
    ]);
  });

  it('take strings only, up to 500 bytes', async () => {
    const sdkAppId = await appWith(['alice'], [MOOD]);

    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: MOOD.key, value: 1 }]),
      ErrorCode.ProfileValueWrongType,
    );
    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: MOOD.key, value: 'm'.repeat(501) }]),
      ErrorCode.ProfileValueTooLong,
    );
    await world.set(sdkAppId, 'alice', [{ tag: MOOD.key, value: 'm'.repeat(500) }]);
  });

  it('are left out while never set, and unknown ones fail a read with 40009', async () => {
    const sdkAppId = await appWith(['alice'], [MOOD]);

    expect(await world.itemsOf(sdkAppId, 'alice', [MOOD.key, T.Nick])).toEqual([
      { tag: T.Nick, value: '' },
    ]);
    await expectRemoteError(
      world.get(sdkAppId, ['alice'], ['Tag_Profile_Custom_Nope']),
      ErrorCode.ProfileTagNotFound,
    );
  });
});

describe(ProfileRpc.Get, () => {
  it('reads the defaults of a profile never set: standard fields always, with their defaults', async () => {
    const sdkAppId = await appWith(['alice']);

    expect(await world.itemsOf(sdkAppId, 'alice', ALL_STANDARD)).toEqual([
      { tag: T.Nick, value: '' },
      { tag: T.Gender, value: 'Gender_Type_Unknown' },
      { tag: T.BirthDay, value: 0 },
      { tag: T.Location, value: '' },
      { tag: T.SelfSignature, value: '' },
      { tag: T.AllowType, value: 'AllowType_Type_NeedConfirm' },
      { tag: T.Language, value: 0 },
      { tag: T.Image, value: '' },
      { tag: T.MsgSettings, value: 0 },
      { tag: T.AdminForbidType, value: 'AdminForbid_Type_None' },
      { tag: T.Level, value: 0 },
      { tag: T.Role, value: 0 },
    ]);
  });

  it('answers per user, in request order, with failed users in failedUserIds', async () => {
    const sdkAppId = await appWith(['alice', 'bob']);
    await world.set(sdkAppId, 'bob', [{ tag: T.Nick, value: 'Bob' }]);

    const reply = await world.get(sdkAppId, ['bob', 'ghost', 'alice', '', 'bob'], [T.Nick]);

    expect(reply).toEqual({
      profiles: [
        { userId: 'bob', items: [{ tag: T.Nick, value: 'Bob' }], code: 0, message: '' },
        {
          userId: 'ghost',
          items: [],
          code: ErrorCode.ProfileAccountNotFound,
          message: expect.any(String),
        },
        { userId: 'alice', items: [{ tag: T.Nick, value: '' }], code: 0, message: '' },
        {
          userId: '',
          items: [],
          code: ErrorCode.ProfileInvalidParameters,
          message: 'invalid user ID',
        },
      ],
      failedUserIds: ['ghost', ''],
    });
  });

  it('returns the tags in request order, each once', async () => {
    const sdkAppId = await appWith(['alice']);

    const items = await world.itemsOf(sdkAppId, 'alice', [T.Level, T.Nick, T.Level]);

    expect(items.map((i) => i.tag)).toEqual([T.Level, T.Nick]);
  });

  it('reads 100 users in one call; the contract refuses 101 with 40001', async () => {
    const sdkAppId = await world.newApp();
    const ids = Array.from({ length: 101 }, (_, i) => `user-${i}`);
    await world.importAccounts(sdkAppId, ...ids.slice(0, 100));

    const reply = await world.get(sdkAppId, ids.slice(0, 100), [T.Nick]);

    expect(reply.failedUserIds).toEqual([]);
    expect(reply.profiles).toHaveLength(100);
    await expectRemoteError(world.get(sdkAppId, ids, [T.Nick]), ErrorCode.ProfileInvalidParameters);
  });

  it('fails the call for a malformed tag with 40001 and an unknown one with 40009', async () => {
    const sdkAppId = await appWith(['alice']);

    await expectRemoteError(
      world.get(sdkAppId, ['alice'], [T.Nick, 'Tag-Nick']),
      ErrorCode.ProfileInvalidParameters,
    );
    await expectRemoteError(
      world.get(sdkAppId, ['alice'], [T.Nick, 'Tag_Profile_IM_Age']),
      ErrorCode.ProfileTagNotFound,
    );
  });

  it('finds an account imported a moment ago and one unknown a moment before', async () => {
    const sdkAppId = await world.newApp();
    expect((await world.get(sdkAppId, ['fresh'], [T.Nick])).failedUserIds).toEqual(['fresh']);

    await world.importAccounts(sdkAppId, 'fresh');

    expect((await world.get(sdkAppId, ['fresh'], [T.Nick])).failedUserIds).toEqual([]);
  });
});

describe(ProfileRpc.GetSettings, () => {
  it('gives the defaults of an account that never set them, and exists=false for unknown ones', async () => {
    const sdkAppId = await appWith(['alice']);

    const reply = await world.bus.request(
      ProfileRpc.GetSettings,
      { userIds: ['alice', 'ghost', ''] },
      as(sdkAppId, 'service', 'relation'),
    );

    expect(reply.settings).toEqual([
      {
        userId: 'alice',
        exists: true,
        allowType: 'AllowType_Type_NeedConfirm',
        adminForbidType: 'AdminForbid_Type_None',
        msgSettings: 0,
      },
      {
        userId: 'ghost',
        exists: false,
        allowType: 'AllowType_Type_NeedConfirm',
        adminForbidType: 'AdminForbid_Type_None',
        msgSettings: 0,
      },
      {
        userId: '',
        exists: false,
        allowType: 'AllowType_Type_NeedConfirm',
        adminForbidType: 'AdminForbid_Type_None',
        msgSettings: 0,
      },
    ]);
  });

  it('caches an existing account in Redis with a TTL and not an unknown one', async () => {
    const sdkAppId = await appWith(['alice']);

    await world.bus.request(
      ProfileRpc.GetSettings,
      { userIds: ['alice', 'ghost'] },
      as(sdkAppId, 'service'),
    );

    const key = ProfileCacheKeys.settings(sdkAppId, 'alice');
    expect(JSON.parse((await world.redis.get(key))!)).toEqual({
      allowType: 'AllowType_Type_NeedConfirm',
      adminForbidType: 'AdminForbid_Type_None',
      msgSettings: 0,
    });
    expect(await world.redis.ttl(key)).toBeGreaterThan(0);
    expect(await world.redis.exists(ProfileCacheKeys.settings(sdkAppId, 'ghost'))).toBe(0);
  });

  it('answers a change at once: the cached entry is dropped when the profile changes', async () => {
    const sdkAppId = await appWith(['alice']);
    const ask = () =>
      world.bus.request(ProfileRpc.GetSettings, { userIds: ['alice'] }, as(sdkAppId, 'service'));
    await ask();

    await world.set(sdkAppId, 'alice', [
      { tag: T.AllowType, value: 'AllowType_Type_DenyAny' },
      { tag: T.AdminForbidType, value: 'AdminForbid_Type_SendOut' },
      { tag: T.MsgSettings, value: 1 },
    ]);

    expect((await ask()).settings).toEqual([
      {
        userId: 'alice',
        exists: true,
        allowType: 'AllowType_Type_DenyAny',
        adminForbidType: 'AdminForbid_Type_SendOut',
        msgSettings: 1,
      },
    ]);
  });

  it('answers from the cache while it holds the user', async () => {
    const sdkAppId = await appWith(['alice']);
    await world.redis.set(
      ProfileCacheKeys.settings(sdkAppId, 'alice'),
      JSON.stringify({
        allowType: 'AllowType_Type_AllowAny',
        adminForbidType: 'AdminForbid_Type_None',
        msgSettings: 5,
      }),
      'EX',
      60,
    );

    const reply = await world.bus.request(
      ProfileRpc.GetSettings,
      { userIds: ['alice'] },
      as(sdkAppId, 'service'),
    );

    expect(reply.settings[0]).toMatchObject({
      exists: true,
      allowType: 'AllowType_Type_AllowAny',
      msgSettings: 5,
    });
  });

  it('takes 1000 users; the contract refuses 1001 with 40001', async () => {
    const sdkAppId = await appWith(['alice']);
    const ids = Array.from({ length: 1001 }, (_, i) => (i === 0 ? 'alice' : `ghost-${i}`));

    const reply = await world.bus.request(
      ProfileRpc.GetSettings,
      { userIds: ids.slice(0, 1000) },
      as(sdkAppId, 'service'),
    );

    expect(reply.settings.filter((s) => s.exists).map((s) => s.userId)).toEqual(['alice']);
    await expectRemoteError(
      world.bus.request(ProfileRpc.GetSettings, { userIds: ids }, as(sdkAppId, 'service')),
      ErrorCode.ProfileInvalidParameters,
    );
  });
});

describe('tenant isolation', () => {
  it('keeps the profiles of the same user ID in two apps apart', async () => {
    const appA = await appWith(['alice']);
    const appB = await appWith(['alice']);

    await world.set(appA, 'alice', [{ tag: T.Nick, value: 'Alice of A' }]);
    await world.set(appB, 'alice', [
      { tag: T.Nick, value: 'Alice of B' },
      { tag: T.AllowType, value: 'AllowType_Type_DenyAny' },
    ]);

    expect(await world.itemsOf(appA, 'alice', [T.Nick, T.AllowType])).toEqual([
      { tag: T.Nick, value: 'Alice of A' },
      { tag: T.AllowType, value: 'AllowType_Type_NeedConfirm' },
    ]);
    expect(await world.itemsOf(appB, 'alice', [T.Nick])).toEqual([
      { tag: T.Nick, value: 'Alice of B' },
    ]);
  });

  it("lets one app neither read nor change another app's profile", async () => {
    const appA = await appWith([]);
    const appB = await appWith(['bob']);
    await world.set(appB, 'bob', [{ tag: T.Nick, value: 'Bob' }]);

    expect((await world.get(appA, ['bob'], [T.Nick])).failedUserIds).toEqual(['bob']);
    await expectRemoteError(
      world.set(appA, 'bob', [{ tag: T.Nick, value: 'Hacked' }]),
      ErrorCode.ProfileAccountNotFound,
    );
    const settings = await world.bus.request(
      ProfileRpc.GetSettings,
      { userIds: ['bob'] },
      as(appA, 'service'),
    );
    expect(settings.settings[0].exists).toBe(false);

    expect(await world.itemsOf(appB, 'bob', [T.Nick])).toEqual([{ tag: T.Nick, value: 'Bob' }]);
  });

  it("does not let one app use another app's custom fields", async () => {
    const appA = await appWith(['alice'], [MOOD]);
    const appB = await appWith(['alice']);

    await world.set(appA, 'alice', [{ tag: MOOD.key, value: 'A' }]);

    await expectRemoteError(
      world.set(appB, 'alice', [{ tag: MOOD.key, value: 'B' }]),
      ErrorCode.ProfileTagNotFound,
    );
  });
});
