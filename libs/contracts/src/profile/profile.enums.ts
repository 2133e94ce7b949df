/** Values of `Tag_Profile_IM_AllowType` (docs/rest-api.md §2.4); default NeedConfirm (AMB-23). */
export const AllowTypes = [
  'AllowType_Type_NeedConfirm',
  'AllowType_Type_AllowAny',
  'AllowType_Type_DenyAny',
] as const;
export type AllowType = (typeof AllowTypes)[number];
export const DEFAULT_ALLOW_TYPE: AllowType = 'AllowType_Type_NeedConfirm';

/** Values of `Tag_Profile_IM_AdminForbidType`; default None. */
export const AdminForbidTypes = ['AdminForbid_Type_None', 'AdminForbid_Type_SendOut'] as const;
export type AdminForbidType = (typeof AdminForbidTypes)[number];
export const DEFAULT_ADMIN_FORBID_TYPE: AdminForbidType = 'AdminForbid_Type_None';

/** Values of `Tag_Profile_IM_Gender`; never set reads as Unknown (PRF-9). */
export const Genders = ['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'] as const;
export type Gender = (typeof Genders)[number];

/** `Tag_Profile_IM_MsgSettings` bit 0: the user does not receive messages (PRF-12, AMB-24). */
export const MSG_SETTINGS_NO_RECEIVE = 0x1;

export const ProfileLimits = {
  /** Users per portrait_get. */
  getMaxUsers: 100,
  /** string/bytes values (PRF-3). */
  valueMaxBytes: 500,
} as const;
