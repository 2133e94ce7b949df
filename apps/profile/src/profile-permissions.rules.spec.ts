import { CallerRoles, ErrorCode, ProfileTags, StandardProfileTags } from '@im/contracts';
import type { CallerRole } from '@im/contracts';

import { customField, standardField } from './profile-fields.rules';
import type { ProfileField } from './profile-fields.rules';
import {
  canRead,
  canWrite,
  fieldWriteProblem,
  partyOf,
  profileWriteProblem,
} from './profile-permissions.rules';

function field(tag: string): ProfileField {
  return standardField(tag)!;
}

describe(partyOf.name, () => {
  it.each<[CallerRole, string]>([
    ['user', 'App'],
    ['admin', 'AppAdmin'],
    ['service', 'AppAdmin'],
    ['operator', 'AppAdmin'],
  ])('makes a %s caller act as %s', (role, party) => {
    expect(partyOf(role)).toBe(party);
  });

  it('knows every caller role', () => {
    for (const role of CallerRoles) expect(['App', 'AppAdmin']).toContain(partyOf(role));
  });
});

describe('standard field permissions (PRF-6, AMB-20)', () => {
  it('let users and the App admin read every standard field', () => {
    for (const tag of StandardProfileTags) {
      expect([canRead(field(tag), 'App'), canRead(field(tag), 'AppAdmin')]).toEqual([true, true]);
    }
  });

  it('let users and the App admin write every standard field but AdminForbidType', () => {
    for (const tag of StandardProfileTags.filter((t) => t !== ProfileTags.AdminForbidType)) {
      expect([canWrite(field(tag), 'App'), canWrite(field(tag), 'AppAdmin')]).toEqual([true, true]);
    }
  });

  it('let only the App admin write AdminForbidType; a user gets 40008', () => {
    const forbid = field(ProfileTags.AdminForbidType);

    expect(fieldWriteProblem(forbid, 'AppAdmin')).toBeUndefined();
    expect(fieldWriteProblem(forbid, 'App')).toEqual({
      code: ErrorCode.ProfileNoWritePermission,
      message: 'Tag_Profile_IM_AdminForbidType is not writable by users',
    });
  });
});

describe('custom field permissions (PRF-5, PRF-21)', () => {
  const adminOnly = customField({
    key: 'Tag_Profile_Custom_Vip',
    type: 'string',
    read: ['AppAdmin'],
    write: ['AppAdmin'],
  });
  const usersOnly = customField({
    key: 'Tag_Profile_Custom_Mood',
    type: 'string',
    read: ['App'],
    write: ['App'],
  });

  it('follow the declaration for reading', () => {
    expect([canRead(adminOnly, 'App'), canRead(adminOnly, 'AppAdmin')]).toEqual([false, true]);
    expect([canRead(usersOnly, 'App'), canRead(usersOnly, 'AppAdmin')]).toEqual([true, false]);
  });

  it('refuse a write by a party the declaration leaves out with 40008', () => {
    expect(fieldWriteProblem(adminOnly, 'App')?.code).toBe(ErrorCode.ProfileNoWritePermission);
    expect(fieldWriteProblem(usersOnly, 'AppAdmin')).toEqual({
      code: ErrorCode.ProfileNoWritePermission,
      message: 'Tag_Profile_Custom_Mood is not writable by the App admin',
    });
    expect(fieldWriteProblem(usersOnly, 'App')).toBeUndefined();
  });
});

describe(profileWriteProblem.name, () => {
  it('lets a user write their own profile', () => {
    expect(profileWriteProblem({ role: 'user', callerId: 'alice' }, 'alice')).toBeUndefined();
  });

  it("refuses a user writing another user's profile with 40004", () => {
    expect(profileWriteProblem({ role: 'user', callerId: 'mallory' }, 'alice')).toEqual({
      code: ErrorCode.ProfileAdminRequired,
      message: "only the App admin may change another user's profile",
    });
  });

  it.each<CallerRole>(['admin', 'service', 'operator'])(
    'lets a %s caller write any profile',
    (role) => {
      expect(profileWriteProblem({ role, callerId: 'administrator' }, 'alice')).toBeUndefined();
    },
  );
});
