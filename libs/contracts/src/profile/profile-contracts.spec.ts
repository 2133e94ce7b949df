import 'reflect-metadata';

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { ProfileChangedEvent } from './profile-changed.event';
import { SetProfileRequest } from './set-profile.request';
import { ProfileTags, StandardProfileTags } from './profile.tags';

/** What the platform pipe does with an inbound payload: whitelist, transform, validate. */
function validated<T extends object>(
  cls: new () => T,
  plain: object,
): { value: T; errors: string[] } {
  const value = plainToInstance(cls, plain);
  const errors = validateSync(value, { whitelist: true, forbidUnknownValues: false });
  return { value, errors: errors.map((e) => e.toString()) };
}

describe(SetProfileRequest.name, () => {
  it('keeps string and integer values through the whitelist', () => {
    const { value, errors } = validated(SetProfileRequest, {
      userId: 'alice',
      items: [
        { tag: ProfileTags.Nick, value: 'Alice' },
        { tag: ProfileTags.Level, value: 3 },
      ],
    });

    expect(errors).toEqual([]);
    expect(value.items.map((i) => ({ ...i }))).toEqual([
      { tag: ProfileTags.Nick, value: 'Alice' },
      { tag: ProfileTags.Level, value: 3 },
    ]);
  });

  it('leaves the type of a value to the profile service, but requires one', () => {
    expect(
      validated(SetProfileRequest, { userId: 'a', items: [{ tag: 'T', value: true }] }).errors,
    ).toEqual([]);
    expect(validated(SetProfileRequest, { userId: 'a', items: [{ tag: 'T' }] }).errors).not.toEqual(
      [],
    );
  });
});

describe(ProfileChangedEvent.name, () => {
  const envelope = {
    eventId: '9b2f4c1e-6d7a-4f3b-8c2d-1e5f6a7b8c9d',
    sdkAppId: 1400000001,
    occurredAt: new Date().toISOString(),
    requestId: 'r1',
  };

  it('validates with and without the optional operator', () => {
    const fact = { userId: 'alice', changedTags: [ProfileTags.Nick], standardChanged: true };

    expect(validated(ProfileChangedEvent, { ...envelope, ...fact }).errors).toEqual([]);
    expect(
      validated(ProfileChangedEvent, {
        ...envelope,
        ...fact,
        operatorId: 'administrator',
      }).errors,
    ).toEqual([]);
  });
});

describe('StandardProfileTags', () => {
  it('lists the twelve standard keys of docs/rest-api.md §2.4', () => {
    expect(StandardProfileTags).toHaveLength(12);
    expect(StandardProfileTags.every((t) => /^Tag_Profile_IM_[A-Za-z]+$/.test(t))).toBe(true);
  });
});
