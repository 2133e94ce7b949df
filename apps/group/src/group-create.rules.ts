// Pure rules of creating a group (create_group, import_group). No I/O; unit-tested in
// group-create.rules.spec.ts.
import { canonicalGroupType, ErrorCode, isValidUserId } from '@im/contracts';
import type {
  ApplyJoinOption,
  CreateGroupRequest,
  GroupTypeCapabilities,
  NewGroupMember,
} from '@im/contracts';

import type { Actor } from './group-actor.model';
import { GroupError } from './group.errors';
import { applyJoinOptionFor, effectiveMemberLimit, mayCreate } from './group-permissions.rules';
import type { ActorRank } from './group-permissions.rules';
import type { QuotaLimits, QuotaVerdict } from './group.repository';
import { applyGroupCustomData, applyMemberCustomData, customGroupIdProblem } from './group.rules';
import type { CustomData } from './group.rules';
import type { GroupRow, NewGroupRow, NewMemberRow } from './group.schema';
import type { GroupSettings } from './group-settings.reader';

// ---------------------------------------------------------------------------------------------
// Creating a group (GRP-38, GRP-60, T7, T9, T14, T25)

type CreationSettings = Pick<GroupSettings, 'avChatRoomEnabled' | 'bChatRoomEnabled' | 'memberCap'>;

/** The owner of a new group: the creating user, or the one the App admin names (or none). */
export function creationOwnerId(
  actor: Actor,
  req: Pick<CreateGroupRequest, 'ownerId'>,
): string | null {
  return actor.userId ?? (req.ownerId || null);
}

/** The initial members besides the owner, each once (the first mention wins). */
export function initialMembersOf(
  req: Pick<CreateGroupRequest, 'members'>,
  ownerId: string | null,
): NewGroupMember[] {
  const seen = new Set<string>(ownerId ? [ownerId] : []);
  return (req.members ?? []).filter((m) => !seen.has(m.userId) && seen.add(m.userId));
}

/** The effective member limit of a new group of the type (0 when the type has none). */
export function creationMemberLimit(
  caps: GroupTypeCapabilities,
  settings: Pick<GroupSettings, 'memberCap'>,
  req: Pick<CreateGroupRequest, 'maxMemberNum'>,
): number {
  const typeLimit = effectiveMemberLimit(caps, settings.memberCap, null);
  return typeLimit === null ? 0 : (req.maxMemberNum ?? typeLimit);
}

/**
 * Why a group of this type may not be created as asked, or undefined. The checks in order:
 * the type's feature switch (PremiumFeatureRequired), import rights, who may create the type,
 * the owner, a custom group ID, the initial members, the member limit and the join options.
 */
export function createGroupProblem(
  caps: GroupTypeCapabilities,
  actor: Actor,
  req: CreateGroupRequest,
  settings: CreationSettings,
  imported = false,
): GroupError | undefined {
  const type = canonicalGroupType(req.type);
  const ownerId = creationOwnerId(actor, req);
  const initial = initialMembersOf(req, ownerId);
  return (
    creationAccessProblem(caps, type, actor, settings, imported) ??
    creationOwnerProblem(caps, type, actor, req) ??
    customIdProblem(actor, req) ??
    initialMembersProblem(caps, type, initial) ??
    creationLimitProblem(caps, settings, req, (ownerId ? 1 : 0) + initial.length) ??
    joinOptionsProblem(caps, type, req) ??
    supportTopicProblem(caps, req)
  );
}

/** SupportTopic 1 only makes a Community support topics; other types refuse it (10004). */
export function supportTopicProblem(
  caps: GroupTypeCapabilities,
  req: Pick<CreateGroupRequest, 'supportTopic'>,
): GroupError | undefined {
  if (req.supportTopic && caps.baseType !== 'Community')
    return GroupError.invalid('SupportTopic is for Community groups only');
  return undefined;
}

function creationAccessProblem(
  caps: GroupTypeCapabilities,
  type: string,
  actor: Actor,
  settings: CreationSettings,
  imported: boolean,
): GroupError | undefined {
  if (
    (caps.featureSwitch === 'avChatRoom' && !settings.avChatRoomEnabled) ||
    (caps.featureSwitch === 'bChatRoom' && !settings.bChatRoomEnabled)
  )
    return GroupError.featureDisabled(caps.baseType);
  if (imported && !actor.isAppAdmin) return GroupError.forbidden('only the App admin imports');
  if (imported && !caps.importAllowed)
    return GroupError.forbidden(`${type} groups cannot be imported`);
  if (!mayCreate(caps, actor.isAppAdmin))
    return GroupError.forbidden(`only the App admin creates ${type} groups`);
  return undefined;
}

function creationOwnerProblem(
  caps: GroupTypeCapabilities,
  type: string,
  actor: Actor,
  req: CreateGroupRequest,
): GroupError | undefined {
  if (actor.userId && req.ownerId && req.ownerId !== actor.userId)
    return GroupError.invalid('a user creates groups they own');
  const ownerId = creationOwnerId(actor, req);
  if (ownerId && !caps.hasOwner) return GroupError.invalid(`${type} groups have no owner`);
  if (ownerId && !isValidUserId(ownerId)) return GroupError.invalid('invalid owner ID');
  if (req.ownerCustomData?.length && !ownerId)
    return GroupError.invalid('member custom data of the owner needs an owner');
  return undefined;
}

function customIdProblem(actor: Actor, req: CreateGroupRequest): GroupError | undefined {
  if (!req.groupId) return undefined;
  if (!actor.isAppAdmin) return GroupError.forbidden('custom group IDs are for the App admin only');
  const problem = customGroupIdProblem(req.groupId);
  return problem ? GroupError.invalidGroupId(problem) : undefined;
}

function initialMembersProblem(
  caps: GroupTypeCapabilities,
  type: string,
  initial: readonly NewGroupMember[],
): GroupError | undefined {
  if (initial.length && !caps.initialMembersAllowed)
    return GroupError.forbidden(`${type} groups take no initial members`);
  if (initial.some((m) => m.role === 'Admin') && !caps.adminsAllowed)
    return GroupError.forbidden(`${type} groups have no admins`);
  const badId = initial.find((m) => !isValidUserId(m.userId));
  return badId ? GroupError.invalid(`invalid member ${badId.userId}`) : undefined;
}

function creationLimitProblem(
  caps: GroupTypeCapabilities,
  settings: Pick<GroupSettings, 'memberCap'>,
  req: CreateGroupRequest,
  memberCount: number,
): GroupError | undefined {
  const typeLimit = effectiveMemberLimit(caps, settings.memberCap, null);
  if (typeLimit === null) return undefined;
  if (req.maxMemberNum !== undefined && req.maxMemberNum > typeLimit)
    return GroupError.invalid(`MaxMemberCount may be at most ${typeLimit}`);
  const maxMemberNum = creationMemberLimit(caps, settings, req);
  return memberCount > maxMemberNum ? GroupError.full(maxMemberNum) : undefined;
}

function joinOptionsProblem(
  caps: GroupTypeCapabilities,
  type: string,
  req: Pick<CreateGroupRequest, 'applyJoinOption' | 'inviteJoinOption'>,
): GroupError | undefined {
  const apply = applyJoinOptionFor(caps, req.applyJoinOption);
  if ('refused' in apply) return GroupError.invalid(apply.refused);
  if (req.inviteJoinOption && caps.storage === 'room')
    return GroupError.invalid(`InviteJoinOption is not for ${type} groups`);
  return undefined;
}

/** A checked create_group: everything the group and its first members are stored with. */
export interface GroupCreation {
  type: string;
  caps: GroupTypeCapabilities;
  ownerId: string | null;
  /** The custom group ID, or undefined for a generated one. */
  customId: string | undefined;
  initial: NewGroupMember[];
  maxMemberNum: number;
  applyJoinOption: ApplyJoinOption;
  isActive: boolean;
  imported: boolean;
  creatorRank: ActorRank;
  groupData: CustomData;
  ownerData: CustomData;
}

/**
 * Checks a create_group or import_group and works out what the group is stored with; throws the
 * first problem (unknown type 10004, then `createGroupProblem`, then the custom fields).
 */
export function planGroupCreation(
  settings: GroupSettings,
  actor: Actor,
  req: CreateGroupRequest,
  imported: boolean,
): GroupCreation {
  const type = canonicalGroupType(req.type);
  const caps = settings.types.get(type);
  if (!caps) throw GroupError.invalid(`unknown group type ${req.type}`);
  const problem = createGroupProblem(caps, actor, req, settings, imported);
  if (problem) throw problem;
  const ownerId = creationOwnerId(actor, req);
  const initial = initialMembersOf(req, ownerId);
  const creatorRank: ActorRank = actor.isAppAdmin ? 'AppAdmin' : 'Owner';
  const groupFields = settings.groupFields(type);
  const groupData = applyGroupCustomData({}, req.customData ?? [], groupFields, creatorRank).data;
  if (
    (req.ownerCustomData?.length || initial.some((m) => m.customData?.length)) &&
    !caps.memberCustomFields
  )
    throw GroupError.invalid(`${type} groups have no member custom fields`);
  const memberFields = settings.memberFields(type);
  const ownerData = applyMemberCustomData(
    {},
    req.ownerCustomData ?? [],
    memberFields,
    creatorRank,
    !actor.isAppAdmin,
  ).data;
  const apply = applyJoinOptionFor(caps, req.applyJoinOption);
  return {
    type,
    caps,
    ownerId,
    customId: req.groupId ? req.groupId : undefined,
    initial,
    maxMemberNum: creationMemberLimit(caps, settings, req),
    applyJoinOption: 'option' in apply ? apply.option : caps.defaultApplyJoinOption,
    isActive: !caps.needsActivation || imported,
    imported,
    creatorRank,
    groupData,
    ownerData,
  };
}

/** The users that must exist before the group is made: a named owner and the initial members. */
export function accountsToCheck(creation: GroupCreation, actor: Actor): string[] {
  const { ownerId, initial } = creation;
  return [...(actor.isAppAdmin && ownerId ? [ownerId] : []), ...initial.map((m) => m.userId)];
}

/** The group row of a creation (without its ID). */
export function newGroupRow(
  sdkAppId: number,
  creation: GroupCreation,
  req: CreateGroupRequest,
  createTime: number,
): Omit<NewGroupRow, 'groupId'> {
  const { type, caps, ownerId } = creation;
  return {
    sdkAppId,
    type,
    baseType: caps.baseType,
    name: req.name,
    introduction: req.introduction ?? '',
    notification: req.notification ?? '',
    faceUrl: req.faceUrl ?? '',
    ownerId,
    createTime,
    lastInfoTime: createTime,
    maxMemberNum: creation.maxMemberNum,
    applyJoinOption: creation.applyJoinOption,
    inviteJoinOption: req.inviteJoinOption ?? null,
    isActive: creation.isActive,
    supportTopic: caps.baseType === 'Community' && (req.supportTopic ?? false),
    customData: creation.groupData,
  };
}

/** The member rows a new table group starts with: the owner first, then the initial members. */
export function initialMemberRows(
  row: Pick<GroupRow, 'sdkAppId' | 'groupId'>,
  creation: GroupCreation,
  settings: Pick<GroupSettings, 'memberFields'>,
  createTime: number,
): NewMemberRow[] {
  const { caps, ownerId, creatorRank } = creation;
  const { sdkAppId, groupId } = row;
  const fields = settings.memberFields(creation.type);
  const owner: NewMemberRow[] = ownerId
    ? [
        {
          sdkAppId,
          groupId,
          userId: ownerId,
          role: 'Owner',
          joinTime: createTime,
          msgFlag: caps.defaultMsgFlag,
          customData: creation.ownerData,
        },
      ]
    : [];
  return owner.concat(
    creation.initial.map((m) => ({
      sdkAppId,
      groupId,
      userId: m.userId,
      role: m.role ?? 'Member',
      joinTime: m.joinTime ?? createTime,
      msgFlag: m.msgFlag ?? caps.defaultMsgFlag,
      nameCard: m.nameCard ?? '',
      msgSeq: m.msgSeq ?? 0,
      lastSendMsgTime: m.lastSendMsgTime ?? 0,
      customData: applyMemberCustomData({}, m.customData ?? [], fields, creatorRank, false).data,
    })),
  );
}

/** The error of a creation quota the app has used up (GRP-58, AMB-11). */
export function quotaError(verdict: Exclude<QuotaVerdict, 'ok'>, limits: QuotaLimits): GroupError {
  switch (verdict) {
    case 'daily':
      return new GroupError(
        ErrorCode.GroupRateLimited,
        `the app created ${limits.dailyCreateLimit} groups (net) today`,
      );
    case 'bchatroom':
      return new GroupError(
        ErrorCode.AvChatRoomQuotaExceeded,
        `the app has ${limits.bChatRoomLimit} BChatRoom groups`,
      );
    case 'total':
      return new GroupError(
        ErrorCode.AvChatRoomQuotaExceeded,
        `the app has ${limits.appGroupLimit} groups`,
      );
  }
}
