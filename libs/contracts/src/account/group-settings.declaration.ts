import {
  IsArray,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

import {
  ApplyJoinOptions,
  BuiltinGroupTypes,
  GroupActorRanks,
  GroupFieldLevels,
  GroupTypeAliases,
  MemberChangeNotifications,
  MemberListVisibilities,
  MsgFlags,
} from '../group/group.enums';
import type {
  ApplyJoinOption,
  BuiltinGroupType,
  GroupFieldLevel,
  GroupMinRank,
  MemberChangeNotification,
  MemberListVisibility,
  MsgFlag,
} from '../group/group.enums';

/** Key of a group or member custom field: letters, digits, underscore, ≤ 16 bytes (GRP-27). */
export const GROUP_CUSTOM_KEY = /^[A-Za-z0-9_]{1,16}$/;

/** A group-dimension custom field the app declared for some group types (GRP-26 … GRP-31). */
export class GroupCustomFieldDeclaration {
  @Matches(GROUP_CUSTOM_KEY)
  key!: string;

  /** The group types (built-in or custom names) that have the field. */
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  groupTypes!: string[];

  /** Lowest level that may read it (GRP-29); `Anyone` includes non-members. */
  @IsIn(GroupFieldLevels)
  readLevel!: GroupFieldLevel;

  /** Lowest level that may write it. */
  @IsIn(GroupFieldLevels)
  writeLevel!: GroupFieldLevel;
}

/**
 * A member-dimension custom field (GRP-30). The levels decide for other members' records; the
 * self flags decide for the member's own record (AMB-10d). Not for AVChatRoom or BChatRoom
 * (GRP-32, AMB-10b).
 */
export class GroupMemberCustomFieldDeclaration extends GroupCustomFieldDeclaration {
  @IsBoolean()
  selfRead!: boolean;

  @IsBoolean()
  selfWrite!: boolean;
}

/**
 * A custom group type of the app (GRP-36, AMB-17): a built-in `baseType` with some dimensions
 * of Table 7-1 changed. A declaration named like a built-in type (with the same `baseType`)
 * changes that type for the app, e.g. `Public` with pre-join history visible. Storage, the
 * creation quota (T15) and the feature switch (T28) follow the base type; a finite base keeps a
 * member limit of at most 10000, an unlimited base stays unlimited.
 */
export class CustomGroupTypeDeclaration {
  /** Letters, digits, underscore; starts with a letter; not `Work`/`Meeting`. */
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,31}$/)
  name!: string;

  @IsIn(BuiltinGroupTypes)
  baseType!: BuiltinGroupType;

  /** T1 */
  @IsOptional()
  @IsBoolean()
  searchable?: boolean;

  /** T2 */
  @IsOptional()
  @IsIn(GroupActorRanks)
  baseInfoEditMinRank?: GroupMinRank;

  /** T3 (a room-stored type cannot list all members). */
  @IsOptional()
  @IsIn(MemberListVisibilities)
  memberListVisibility?: MemberListVisibility;

  /** T4 */
  @IsOptional()
  @IsBoolean()
  hasOwner?: boolean;

  /** T4, T11 */
  @IsOptional()
  @IsBoolean()
  adminsAllowed?: boolean;

  /** T5 */
  @IsOptional()
  @IsBoolean()
  ownerMayDismiss?: boolean;

  /** T6 */
  @IsOptional()
  @IsBoolean()
  applyAllowed?: boolean;

  /** T7 */
  @IsOptional()
  @IsIn(ApplyJoinOptions)
  defaultApplyJoinOption?: ApplyJoinOption;

  /** T8 */
  @IsOptional()
  @IsIn(GroupActorRanks)
  addMembersMinRank?: GroupMinRank;

  /** T9 */
  @IsOptional()
  @IsBoolean()
  initialMembersAllowed?: boolean;

  /** T10 */
  @IsOptional()
  @IsBoolean()
  ownerMayQuit?: boolean;

  /** T12 (`Member`: ordinary members may remove ordinary members, e.g. an `OAGroup`). */
  @IsOptional()
  @IsIn(GroupActorRanks)
  kickMinRank?: GroupMinRank;

  /**
   * T13: every 5 minutes, ordinary members (role `Member`) without a live connection are
   * removed (GRP-62, AMB-19); the owner and admins never. Off by default.
   */
  @IsOptional()
  @IsBoolean()
  offlineMemberCleanup?: boolean;

  /** T14: 1..10000, only for finite base types. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  memberLimit?: number;

  /** T16 */
  @IsOptional()
  @IsBoolean()
  preJoinHistoryVisible?: boolean;

  /** T17 */
  @IsOptional()
  @IsIn(MemberChangeNotifications)
  memberChangeNotification?: MemberChangeNotification;

  /** T18 */
  @IsOptional()
  @IsBoolean()
  needsActivation?: boolean;

  /** T19 */
  @IsOptional()
  @IsBoolean()
  muteSupported?: boolean;

  /** T20: `Member` (members not muted) or `AppAdmin` (App admin only). */
  @IsOptional()
  @IsIn(['Member', 'AppAdmin'])
  sendMinRank?: 'Member' | 'AppAdmin';

  /** T21 */
  @IsOptional()
  @IsIn(MsgFlags)
  defaultMsgFlag?: MsgFlag;

  /** T22 */
  @IsOptional()
  @IsBoolean()
  unreadSupported?: boolean;

  /** T23 */
  @IsOptional()
  @IsBoolean()
  guestReceive?: boolean;

  /** T24: days of roaming history, 0 = none. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36500)
  roamingDays?: number;

  /** T25 */
  @IsOptional()
  @IsBoolean()
  importAllowed?: boolean;

  /** T27 (never for a room-stored base). */
  @IsOptional()
  @IsBoolean()
  memberCustomFields?: boolean;
}

/**
 * Checks, on an array of field declarations, at most `max` keys per group type, no key twice
 * for one type and, for member fields, none on AVChatRoom or BChatRoom.
 */
export function FieldsPerGroupType(
  max: number,
  memberFields: boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'fieldsPerGroupType',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [max, memberFields],
      options: {
        message: (args: ValidationArguments) =>
          `${args.property}: at most ${max} distinct keys per group type` +
          (memberFields ? ', none on AVChatRoom or BChatRoom' : ''),
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (!Array.isArray(value)) return true;
          const keysByType = new Map<string, Set<string>>();
          for (const item of value as Partial<GroupCustomFieldDeclaration>[]) {
            if (!item || !Array.isArray(item.groupTypes) || typeof item.key !== 'string') continue;
            for (const named of item.groupTypes) {
              const type = GroupTypeAliases[named] ?? named;
              if (memberFields && (type === 'AVChatRoom' || type === 'BChatRoom')) return false;
              const keys = keysByType.get(type) ?? new Set<string>();
              if (keys.has(item.key)) return false;
              keys.add(item.key);
              if (keys.size > max) return false;
              keysByType.set(type, keys);
            }
          }
          return true;
        },
      },
    });
  };
}

/** Checks custom type names are distinct and not the aliases `Work` / `Meeting`. */
export function DistinctGroupTypeNames(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'distinctGroupTypeNames',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) =>
          `${args.property}: names must be distinct, not Work or Meeting, and a built-in name only over the same base type`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (!Array.isArray(value)) return true;
          const seen = new Set<string>();
          for (const item of value as Partial<CustomGroupTypeDeclaration>[]) {
            const name = item?.name;
            if (typeof name !== 'string') continue;
            if (seen.has(name) || GroupTypeAliases[name]) return false;
            if ((BuiltinGroupTypes as readonly string[]).includes(name) && item.baseType !== name)
              return false;
            seen.add(name);
          }
          return true;
        },
      },
    });
  };
}
