/** Keys of the standard profile fields (docs/requirements.md PRF-7, docs/rest-api.md §2.4). */
export const ProfileTags = {
  Nick: 'Tag_Profile_IM_Nick',
  Gender: 'Tag_Profile_IM_Gender',
  BirthDay: 'Tag_Profile_IM_BirthDay',
  Location: 'Tag_Profile_IM_Location',
  SelfSignature: 'Tag_Profile_IM_SelfSignature',
  AllowType: 'Tag_Profile_IM_AllowType',
  Language: 'Tag_Profile_IM_Language',
  Image: 'Tag_Profile_IM_Image',
  MsgSettings: 'Tag_Profile_IM_MsgSettings',
  AdminForbidType: 'Tag_Profile_IM_AdminForbidType',
  Level: 'Tag_Profile_IM_Level',
  Role: 'Tag_Profile_IM_Role',
} as const;
export type StandardProfileTag = (typeof ProfileTags)[keyof typeof ProfileTags];

/** Every standard tag, in the order of PRF-7. */
export const StandardProfileTags: readonly StandardProfileTag[] = Object.values(ProfileTags);

/** Custom profile keys are this prefix + 1..8 English letters (PRF-18). */
export const PROFILE_CUSTOM_TAG_PREFIX = 'Tag_Profile_Custom_';
export const PROFILE_CUSTOM_TAG_PATTERN = /^Tag_Profile_Custom_[A-Za-z]{1,8}$/;

/** Any profile key: letters, digits and underscore (PRF-2). */
export const PROFILE_TAG_PATTERN = /^[A-Za-z0-9_]+$/;
