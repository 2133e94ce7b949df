import { ErrorCode, ProfileTags } from '@im/contracts';
import type { AppReply, ProfileCustomFieldDeclaration } from '@im/contracts';
import type { RestAdminClient } from '@im/sdk';
import { waitFor } from '@im/testing';

import { PlatformFixture } from './platform.fixture';

/**
 * `profile/portrait_set` and `profile/portrait_get` over HTTP, as an app backend written for
 * Tencent's REST API calls them, against the whole platform started as processes: normal use,
 * every documented result code, wrong types, oversize values, unknown tags, custom fields
 * declared by the operator and usable at once, Fail_Account, all-or-nothing writes.
 */
describe('profile REST commands', () => {
  const T = ProfileTags;
  const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
  const MOOD: ProfileCustomFieldDeclaration = {
    key: 'Tag_Profile_Custom_Mood',
    type: 'string',
    read: ['App', 'AppAdmin'],
    write: ['App', 'AppAdmin'],
  };

  let fixture: PlatformFixture;
  let admin: RestAdminClient;

  const set = (From_Account: unknown, ProfileItem: unknown, client = admin) =>
    client.call('profile', 'portrait_set', { From_Account, ProfileItem });
  const get = (To_Account: unknown, TagList: unknown, client = admin) =>
    client.call('profile', 'portrait_get', { To_Account, TagList });
  /** The ProfileItem one account reads (asserting its ResultCode is 0). */
  const itemsOf = async (userId: string, tags: string[], client = admin) => {
    const envelope = await get([userId], tags, client);
    const [item] = envelope.UserProfileItem as { ProfileItem: unknown; ResultCode: number }[];
    expect(item.ResultCode).toBe(0);
    return item.ProfileItem;
  };
  const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });

  /** A new app with these accounts imported over REST. */
  async function newApp(...userIds: string[]): Promise<{ app: AppReply; client: RestAdminClient }> {
    const created = await fixture.apps.create();
    const client = fixture.admin(created);
    if (userIds.length)
      await client.ok('im_open_login_svc', 'multiaccount_import', { Accounts: userIds });
    return { app: created, client };
  }

  beforeAll(async () => {
    fixture = await PlatformFixture.start();
    ({ client: admin } = await newApp('alice', 'bob', 'carol'));
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('portrait_set', () => {
    it('sets standard fields and answers OK with ErrorDisplay', async () => {
      const envelope = await set('alice', [
        { Tag: T.Nick, Value: 'Alice' },
        { Tag: T.Gender, Value: 'Gender_Type_Female' },
        { Tag: T.BirthDay, Value: 19900101 },
        { Tag: T.AllowType, Value: 'AllowType_Type_AllowAny' },
        { Tag: T.AdminForbidType, Value: 'AdminForbid_Type_SendOut' },
      ]);

      expect(envelope).toEqual({ ...OK, ErrorDisplay: '' });
      expect(
        await itemsOf('alice', [T.Nick, T.Gender, T.BirthDay, T.AllowType, T.AdminForbidType]),
      ).toEqual([
        { Tag: T.Nick, Value: 'Alice' },
        { Tag: T.Gender, Value: 'Gender_Type_Female' },
        { Tag: T.BirthDay, Value: 19900101 },
        { Tag: T.AllowType, Value: 'AllowType_Type_AllowAny' },
        { Tag: T.AdminForbidType, Value: 'AdminForbid_Type_SendOut' },
      ]);
    });

    it('accepts values exactly at their limits', async () => {
      const items = [
        { Tag: T.Nick, Value: '\u4e2d'.repeat(166) + 'ab' },
        { Tag: T.Location, Value: 'l'.repeat(16) },
        { Tag: T.MsgSettings, Value: 4294967295 },
      ];

      expect(await set('bob', items)).toMatchObject(OK);
      expect(
        await itemsOf(
          'bob',
          items.map((i) => i.Tag),
        ),
      ).toEqual(items);
    });

    it.each([
      [
        'a Nick of 501 bytes',
        { Tag: T.Nick, Value: 'n'.repeat(501) },
        ErrorCode.ProfileValueTooLong,
      ],
      [
        'a SelfSignature of 501 bytes',
        { Tag: T.SelfSignature, Value: 's'.repeat(501) },
        ErrorCode.ProfileValueTooLong,
      ],
      [
        'an Image of 501 bytes',
        { Tag: T.Image, Value: 'i'.repeat(501) },
        ErrorCode.ProfileValueTooLong,
      ],
      [
        'a Location of 17 bytes',
        { Tag: T.Location, Value: 'l'.repeat(17) },
        ErrorCode.ProfileValueTooLong,
      ],
      [
        'a Gender outside its values',
        { Tag: T.Gender, Value: 'Gender_Type_X' },
        ErrorCode.ProfileValueInvalid,
      ],
      [
        'an AllowType outside its values',
        { Tag: T.AllowType, Value: 'Any' },
        ErrorCode.ProfileValueInvalid,
      ],
      [
        'an AdminForbidType outside its values',
        { Tag: T.AdminForbidType, Value: 'No' },
        ErrorCode.ProfileValueInvalid,
      ],
      ['a negative Level', { Tag: T.Level, Value: -1 }, ErrorCode.ProfileValueInvalid],
      ['a Role above 2^32-1', { Tag: T.Role, Value: 4294967296 }, ErrorCode.ProfileValueInvalid],
      ['a number for Nick', { Tag: T.Nick, Value: 7 }, ErrorCode.ProfileValueWrongType],
      [
        'a string for BirthDay',
        { Tag: T.BirthDay, Value: '19900101' },
        ErrorCode.ProfileValueWrongType,
      ],
      ['a fraction for Language', { Tag: T.Language, Value: 0.5 }, ErrorCode.ProfileValueWrongType],
      ['a boolean Value', { Tag: T.Nick, Value: true }, ErrorCode.ProfileValueWrongType],
      ['an object Value', { Tag: T.Nick, Value: { text: 'x' } }, ErrorCode.ProfileValueWrongType],
      [
        'an unknown standard-looking tag',
        { Tag: 'Tag_Profile_IM_Age', Value: 1 },
        ErrorCode.ProfileTagNotFound,
      ],
      [
        'an undeclared custom tag',
        { Tag: 'Tag_Profile_Custom_Nope', Value: 'x' },
        ErrorCode.ProfileTagNotFound,
      ],
      [
        'a custom keyword of 9 letters',
        { Tag: 'Tag_Profile_Custom_Abcdefghi', Value: 'x' },
        ErrorCode.ProfileTagNotFound,
      ],
      [
        'a malformed tag',
        { Tag: 'Tag-Profile-IM-Nick', Value: 'x' },
        ErrorCode.ProfileInvalidParameters,
      ],
      ['a Tag that is not a string', { Tag: 5, Value: 'x' }, ErrorCode.ProfileInvalidParameters],
      ['a missing Value', { Tag: T.Nick }, ErrorCode.ProfileInvalidParameters],
    ])('refuses %s with its code and changes nothing', async (_case, bad, code) => {
      await set('carol', [{ Tag: T.Nick, Value: 'Carol' }]);

      const envelope = await set('carol', [
        { Tag: T.Nick, Value: 'Changed' },
        { Tag: T.Level, Value: 5 },
        bad,
      ]);

      expect(envelope).toMatchObject(failure(code));
      expect(await itemsOf('carol', [T.Nick, T.Level])).toEqual([
        { Tag: T.Nick, Value: 'Carol' },
        { Tag: T.Level, Value: 0 },
      ]);
    });

    it.each([
      [
        'the body is not JSON',
        { rawBody: '{"From_Account": "alice",' },
        ErrorCode.ProfileInvalidParameters,
      ],
      ['the body is a JSON array', { rawBody: '[]' }, ErrorCode.ProfileInvalidParameters],
      [
        'From_Account is missing',
        { body: { ProfileItem: [{ Tag: T.Nick, Value: 'x' }] } },
        ErrorCode.ProfileNoAccount,
      ],
      [
        'From_Account is empty',
        { body: { From_Account: '', ProfileItem: [{ Tag: T.Nick, Value: 'x' }] } },
        ErrorCode.ProfileNoAccount,
      ],
      [
        'From_Account is a number',
        { body: { From_Account: 1, ProfileItem: [{ Tag: T.Nick, Value: 'x' }] } },
        ErrorCode.ProfileInvalidParameters,
      ],
      [
        'ProfileItem is missing',
        { body: { From_Account: 'alice' } },
        ErrorCode.ProfileInvalidParameters,
      ],
      [
        'ProfileItem is empty',
        { body: { From_Account: 'alice', ProfileItem: [] } },
        ErrorCode.ProfileInvalidParameters,
      ],
      [
        'ProfileItem is an object',
        { body: { From_Account: 'alice', ProfileItem: { Tag: T.Nick, Value: 'x' } } },
        ErrorCode.ProfileInvalidParameters,
      ],
      [
        'From_Account is longer than 32 bytes',
        { body: { From_Account: 'u'.repeat(33), ProfileItem: [{ Tag: T.Nick, Value: 'x' }] } },
        ErrorCode.ProfileInvalidParameters,
      ],
    ])('refuses a request where %s', async (_case, request, code) => {
      const envelope =
        'rawBody' in request
          ? await admin.call('profile', 'portrait_set', undefined, { rawBody: request.rawBody })
          : await admin.call('profile', 'portrait_set', request.body);

      expect(envelope).toMatchObject(failure(code));
    });

    it('refuses an account that was never imported with 40003', async () => {
      expect(await set('ghost', [{ Tag: T.Nick, Value: 'Boo' }])).toMatchObject(
        failure(ErrorCode.ProfileAccountNotFound),
      );
    });

    it('reports the first bad item of several', async () => {
      const envelope = await set('alice', [
        { Tag: T.Level, Value: 'high' },
        { Tag: T.Nick, Value: 'n'.repeat(600) },
      ]);

      expect(envelope).toMatchObject(failure(ErrorCode.ProfileValueWrongType));
    });
  });

  describe('portrait_get', () => {
    it('reads several accounts and tags, integers as JSON numbers, without Fail_Account', async () => {
      await set('bob', [
        { Tag: T.Nick, Value: 'Bob' },
        { Tag: T.Level, Value: 7 },
      ]);

      const envelope = await get(['alice', 'bob'], [T.Level, T.Nick]);

      expect(envelope).toMatchObject({ ...OK, ErrorDisplay: '' });
      expect(envelope).not.toHaveProperty('Fail_Account');
      expect(envelope.UserProfileItem).toEqual([
        {
          To_Account: 'alice',
          ProfileItem: [
            { Tag: T.Level, Value: 0 },
            { Tag: T.Nick, Value: 'Alice' },
          ],
          ResultCode: 0,
          ResultInfo: '',
        },
        {
          To_Account: 'bob',
          ProfileItem: [
            { Tag: T.Level, Value: 7 },
            { Tag: T.Nick, Value: 'Bob' },
          ],
          ResultCode: 0,
          ResultInfo: '',
        },
      ]);
    });

    it('reads the defaults of a profile never set', async () => {
      const { client } = await newApp('dora');

      expect(await itemsOf('dora', Object.values(T), client)).toEqual([
        { Tag: T.Nick, Value: '' },
        { Tag: T.Gender, Value: 'Gender_Type_Unknown' },
        { Tag: T.BirthDay, Value: 0 },
        { Tag: T.Location, Value: '' },
        { Tag: T.SelfSignature, Value: '' },
        { Tag: T.AllowType, Value: 'AllowType_Type_NeedConfirm' },
        { Tag: T.Language, Value: 0 },
        { Tag: T.Image, Value: '' },
        { Tag: T.MsgSettings, Value: 0 },
        { Tag: T.AdminForbidType, Value: 'AdminForbid_Type_None' },
        { Tag: T.Level, Value: 0 },
        { Tag: T.Role, Value: 0 },
      ]);
    });

    it('lists unknown accounts in Fail_Account with ResultCode 40003', async () => {
      const envelope = await get(['alice', 'ghost'], [T.Nick]);

      expect(envelope).toMatchObject(OK);
      expect(envelope.Fail_Account).toEqual(['ghost']);
      expect(envelope.UserProfileItem).toEqual([
        expect.objectContaining({ To_Account: 'alice', ResultCode: 0 }),
        {
          To_Account: 'ghost',
          ProfileItem: [],
          ResultCode: ErrorCode.ProfileAccountNotFound,
          ResultInfo: expect.any(String),
        },
      ]);
    });

    it('reads Nick and FaceUrl given at import as Nick and Image', async () => {
      await admin.ok('im_open_login_svc', 'account_import', {
        UserID: 'erin',
        Nick: 'Erin',
        FaceUrl: 'https://img.example/erin.png',
      });

      await waitFor(async () =>
        expect(await itemsOf('erin', [T.Nick, T.Image])).toEqual([
          { Tag: T.Nick, Value: 'Erin' },
          { Tag: T.Image, Value: 'https://img.example/erin.png' },
        ]),
      );
    });

    it('answers 40003 for an account deleted a moment ago', async () => {
      await admin.ok('im_open_login_svc', 'account_import', { UserID: 'frank' });
      await set('frank', [{ Tag: T.Nick, Value: 'Frank' }]);

      await admin.ok('im_open_login_svc', 'account_delete', { DeleteItem: [{ UserID: 'frank' }] });

      await waitFor(async () =>
        expect((await get(['frank'], [T.Nick])).Fail_Account).toEqual(['frank']),
      );
    });

    it.each([
      ['To_Account is missing', { TagList: [T.Nick] }, ErrorCode.ProfileNoAccount],
      ['To_Account is empty', { To_Account: [], TagList: [T.Nick] }, ErrorCode.ProfileNoAccount],
      [
        'To_Account is a string',
        { To_Account: 'alice', TagList: [T.Nick] },
        ErrorCode.ProfileInvalidParameters,
      ],
      [
        'To_Account has 101 accounts',
        { To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`), TagList: [T.Nick] },
        ErrorCode.ProfileInvalidParameters,
      ],
      ['TagList is missing', { To_Account: ['alice'] }, ErrorCode.ProfileInvalidParameters],
      [
        'TagList is empty',
        { To_Account: ['alice'], TagList: [] },
        ErrorCode.ProfileInvalidParameters,
      ],
      [
        'TagList holds a number',
        { To_Account: ['alice'], TagList: [1] },
        ErrorCode.ProfileInvalidParameters,
      ],
      [
        'TagList holds a malformed tag',
        { To_Account: ['alice'], TagList: [T.Nick, 'Tag Nick'] },
        ErrorCode.ProfileInvalidParameters,
      ],
      [
        'TagList holds an unknown tag',
        { To_Account: ['alice'], TagList: [T.Nick, 'Tag_Profile_IM_Age'] },
        ErrorCode.ProfileTagNotFound,
      ],
    ])('refuses a request where %s', async (_case, body, code) => {
      expect(await admin.call('profile', 'portrait_get', body)).toMatchObject(failure(code));
    });

    it('reads 100 accounts in one call', async () => {
      const ids = Array.from({ length: 100 }, (_, i) => `bulk-${i}`);
      const { client } = await newApp(...ids);

      const envelope = await get(ids, [T.Nick], client);

      expect(envelope).toMatchObject(OK);
      expect(envelope.UserProfileItem).toHaveLength(100);
      expect(envelope).not.toHaveProperty('Fail_Account');
    });
  });

  describe('custom fields', () => {
    it('are usable right after the operator declares them', async () => {
      const { app: fresh, client } = await newApp('gina');
      expect(await set('gina', [{ Tag: MOOD.key, Value: 'x' }], client)).toMatchObject(
        failure(ErrorCode.ProfileTagNotFound),
      );

      await fixture.apps.update({
        sdkAppId: fresh.sdkAppId,
        settings: { profileCustomFields: [MOOD] },
      });

      expect(await set('gina', [{ Tag: MOOD.key, Value: 'curious' }], client)).toMatchObject(OK);
      expect(await itemsOf('gina', [T.Nick, MOOD.key], client)).toEqual([
        { Tag: T.Nick, Value: '' },
        { Tag: MOOD.key, Value: 'curious' },
      ]);
    });

    it('follow their declaration: string only, 500 bytes, write permission, read permission', async () => {
      const { app: fresh, client } = await newApp('hank');
      const userOnly: ProfileCustomFieldDeclaration = {
        key: 'Tag_Profile_Custom_Diary',
        type: 'string',
        read: ['App'],
        write: ['App'],
      };
      await fixture.apps.update({
        sdkAppId: fresh.sdkAppId,
        settings: { profileCustomFields: [MOOD, userOnly] },
      });

      const results = [
        await set('hank', [{ Tag: MOOD.key, Value: 3 }], client),
        await set('hank', [{ Tag: MOOD.key, Value: 'm'.repeat(501) }], client),
        await set('hank', [{ Tag: userOnly.key, Value: 'dear diary' }], client),
      ];

      expect(results.map((r) => r.ErrorCode)).toEqual([
        ErrorCode.ProfileValueWrongType,
        ErrorCode.ProfileValueTooLong,
        ErrorCode.ProfileNoWritePermission,
      ]);
      expect(await itemsOf('hank', [userOnly.key, T.Nick], client)).toEqual([
        { Tag: T.Nick, Value: '' },
      ]);
    });
  });

  it("keeps apps apart: one app's admin cannot read or write another app's profiles", async () => {
    const { client: other } = await newApp();

    expect((await get(['alice'], [T.Nick], other)).Fail_Account).toEqual(['alice']);
    expect(await set('alice', [{ Tag: T.Nick, Value: 'Hijacked' }], other)).toMatchObject(
      failure(ErrorCode.ProfileAccountNotFound),
    );
    expect(await itemsOf('alice', [T.Nick])).toEqual([{ Tag: T.Nick, Value: 'Alice' }]);
  });
});
