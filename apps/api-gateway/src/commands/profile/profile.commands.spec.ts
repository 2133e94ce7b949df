import 'reflect-metadata';

import { ErrorCode, ProfileRpc } from '@im/contracts';

import { CommandTable } from '../../rest/command-table.model';
import { applyAliases, validateDto } from '../../rest/dto-validation.rules';
import type { RestCommand } from '../../rest/rest-command.model';
import { profileCommands } from './profile.commands';

const FALLBACK = ErrorCode.ProfileInvalidParameters;
const table = new CommandTable(profileCommands);

function row(command: string): RestCommand {
  const found = table.find('profile', command);
  if (!found) throw new Error(`no row profile/${command}`);
  return found;
}

/** What the edge sends over NATS for `body` (aliases, validation, mapping). */
function requestFor(r: RestCommand, body: Record<string, unknown>): unknown {
  return r.toRequest(validateDto(r.dto, applyAliases(body, r.aliases), FALLBACK));
}

function responseFor(r: RestCommand, reply: unknown, body: Record<string, unknown>): unknown {
  const dto = validateDto(r.dto, applyAliases(body, r.aliases), FALLBACK);
  return (r.toResponse as (reply: unknown, dto: object) => unknown)(reply, dto);
}

/** The code the edge answers for `body`, 0 when it passes. */
function codeFor(r: RestCommand, body: Record<string, unknown>): number {
  try {
    requestFor(r, body);
    return 0;
  } catch (err) {
    return (err as { code: number }).code;
  }
}

describe('profileCommands', () => {
  it('serves the commands of docs/rest-api.md §5 on their subjects', () => {
    expect(profileCommands.map((r) => [`${r.service}/${r.command}`, r.subject as string])).toEqual([
      ['profile/portrait_set', ProfileRpc.Set],
      ['profile/portrait_get', ProfileRpc.Get],
    ]);
  });

  describe('portrait_set', () => {
    const sut = row('portrait_set');
    const valid = {
      From_Account: 'alice',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Alice' },
        { Tag: 'Tag_Profile_IM_Level', Value: 3 },
      ],
    };

    it('maps From_Account and ProfileItem, keeping string and integer values as they are', () => {
      expect(requestFor(sut, valid)).toEqual({
        userId: 'alice',
        items: [
          { tag: 'Tag_Profile_IM_Nick', value: 'Alice' },
          { tag: 'Tag_Profile_IM_Level', value: 3 },
        ],
      });
    });

    it('passes a fraction or a wrong type for the tag on to the service, which knows the field', () => {
      expect(
        requestFor(sut, {
          From_Account: 'a',
          ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 1.5 }],
        }),
      ).toEqual({ userId: 'a', items: [{ tag: 'Tag_Profile_IM_Nick', value: 1.5 }] });
    });

    it('ignores unknown fields', () => {
      expect(requestFor(sut, { ...valid, Extra: 1 })).toEqual(requestFor(sut, valid));
    });

    it('answers ErrorDisplay', () => {
      expect(responseFor(sut, { changedTags: [] }, valid)).toEqual({ ErrorDisplay: '' });
    });

    it.each([
      ['From_Account is missing', { ProfileItem: valid.ProfileItem }, ErrorCode.ProfileNoAccount],
      ['From_Account is null', { ...valid, From_Account: null }, ErrorCode.ProfileNoAccount],
      ['From_Account is empty', { ...valid, From_Account: '' }, ErrorCode.ProfileNoAccount],
      ['From_Account is a number', { ...valid, From_Account: 7 }, FALLBACK],
      ['From_Account is an array', { ...valid, From_Account: ['alice'] }, FALLBACK],
      ['ProfileItem is missing', { From_Account: 'a' }, FALLBACK],
      [
        'ProfileItem is an object',
        { From_Account: 'a', ProfileItem: valid.ProfileItem[0] },
        FALLBACK,
      ],
      ['ProfileItem is empty', { From_Account: 'a', ProfileItem: [] }, FALLBACK],
      [
        'an item is a string',
        { From_Account: 'a', ProfileItem: ['Tag_Profile_IM_Nick'] },
        FALLBACK,
      ],
      ['a Tag is missing', { From_Account: 'a', ProfileItem: [{ Value: 'x' }] }, FALLBACK],
      ['a Tag is a number', { From_Account: 'a', ProfileItem: [{ Tag: 1, Value: 'x' }] }, FALLBACK],
      [
        'a Value is missing',
        { From_Account: 'a', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick' }] },
        FALLBACK,
      ],
      [
        'a Value is null',
        { From_Account: 'a', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: null }] },
        FALLBACK,
      ],
      [
        'a Value is a boolean',
        { From_Account: 'a', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: true }] },
        ErrorCode.ProfileValueWrongType,
      ],
      [
        'a Value is an object',
        { From_Account: 'a', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: { a: 1 } }] },
        ErrorCode.ProfileValueWrongType,
      ],
      [
        'a Value is an array',
        { From_Account: 'a', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: ['x'] }] },
        ErrorCode.ProfileValueWrongType,
      ],
    ])('refuses a body where %s with %d', (_case, body, code) => {
      expect(codeFor(sut, body)).toBe(code);
    });
  });

  describe('portrait_get', () => {
    const sut = row('portrait_get');
    const valid = {
      To_Account: ['alice', 'ghost'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Level'],
    };
    const reply = {
      profiles: [
        {
          userId: 'alice',
          items: [
            { tag: 'Tag_Profile_IM_Nick', value: 'Alice' },
            { tag: 'Tag_Profile_IM_Level', value: 3 },
          ],
          code: 0,
          message: '',
        },
        {
          userId: 'ghost',
          items: [],
          code: ErrorCode.ProfileAccountNotFound,
          message: 'account not found',
        },
      ],
      failedUserIds: ['ghost'],
    };

    it('maps To_Account and TagList', () => {
      expect(requestFor(sut, valid)).toEqual({
        userIds: ['alice', 'ghost'],
        tags: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Level'],
      });
    });

    it('answers UserProfileItem per account, integers as numbers, and Fail_Account', () => {
      expect(responseFor(sut, reply, valid)).toEqual({
        UserProfileItem: [
          {
            To_Account: 'alice',
            ProfileItem: [
              { Tag: 'Tag_Profile_IM_Nick', Value: 'Alice' },
              { Tag: 'Tag_Profile_IM_Level', Value: 3 },
            ],
            ResultCode: 0,
            ResultInfo: '',
          },
          {
            To_Account: 'ghost',
            ProfileItem: [],
            ResultCode: 40003,
            ResultInfo: 'account not found',
          },
        ],
        Fail_Account: ['ghost'],
        ErrorDisplay: '',
      });
    });

    it('leaves Fail_Account out when every account succeeded', () => {
      const allOk = { profiles: [reply.profiles[0]], failedUserIds: [] };

      expect(responseFor(sut, allOk, { ...valid, To_Account: ['alice'] })).not.toHaveProperty(
        'Fail_Account',
      );
    });

    it('accepts exactly 100 accounts', () => {
      const To_Account = Array.from({ length: 100 }, (_, i) => `u${i}`);

      expect(codeFor(sut, { ...valid, To_Account })).toBe(0);
    });

    it.each([
      ['To_Account is missing', { TagList: valid.TagList }, ErrorCode.ProfileNoAccount],
      ['To_Account is empty', { ...valid, To_Account: [] }, ErrorCode.ProfileNoAccount],
      ['To_Account is a string', { ...valid, To_Account: 'alice' }, FALLBACK],
      ['To_Account holds a number', { ...valid, To_Account: ['alice', 7] }, FALLBACK],
      [
        'To_Account has 101 accounts',
        { ...valid, To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`) },
        FALLBACK,
      ],
      ['TagList is missing', { To_Account: ['alice'] }, FALLBACK],
      ['TagList is empty', { ...valid, TagList: [] }, FALLBACK],
      ['TagList is a string', { ...valid, TagList: 'Tag_Profile_IM_Nick' }, FALLBACK],
      ['TagList holds a number', { ...valid, TagList: [1] }, FALLBACK],
    ])('refuses a body where %s with %d', (_case, body, code) => {
      expect(codeFor(sut, body)).toBe(code);
    });

    it('reports a wrong type of a list with 101 entries as a wrong type, not a size', () => {
      const To_Account = Array.from({ length: 101 }, (_, i) => i);

      expect(() => requestFor(sut, { ...valid, To_Account })).toThrow(
        /each value in To_Account must be a string/,
      );
    });
  });
});
