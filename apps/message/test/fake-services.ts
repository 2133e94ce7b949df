// Stand-ins for the group, profile and relation services on the test's own NATS: they answer
// the subjects the message service calls, in the contract's shapes, from state the tests set.
// (Those services are being written in parallel; these keep the message specs about messaging.)
import type { Msg, NatsConnection, Subscription } from 'nats';

import { ErrorCode, GroupRpc, ProfileRpc, RelationRpc, TransportHeaders } from '@im/contracts';
import type {
  BuiltinGroupType,
  GroupRole,
  GroupTypeCapabilities,
  MsgFlag,
  SendContextReply,
} from '@im/contracts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Table 7-1 as far as messaging reads it. */
const BASE: Record<BuiltinGroupType, Partial<GroupTypeCapabilities>> = {
  Private: {
    storage: 'table',
    preJoinHistoryVisible: false,
    needsActivation: true,
    sendMinRank: 'Member',
    defaultMsgFlag: 'AcceptAndNotify',
    unreadSupported: true,
    roamingDays: 7,
    importAllowed: true,
  },
  Public: {
    storage: 'table',
    preJoinHistoryVisible: false,
    needsActivation: false,
    sendMinRank: 'Member',
    defaultMsgFlag: 'AcceptAndNotify',
    unreadSupported: true,
    roamingDays: 7,
    importAllowed: true,
  },
  ChatRoom: {
    storage: 'table',
    preJoinHistoryVisible: true,
    needsActivation: false,
    sendMinRank: 'Member',
    defaultMsgFlag: 'AcceptNotNotify',
    unreadSupported: false,
    roamingDays: 7,
    importAllowed: true,
  },
  AVChatRoom: {
    storage: 'room',
    preJoinHistoryVisible: false,
    needsActivation: false,
    sendMinRank: 'Member',
    defaultMsgFlag: 'AcceptNotNotify',
    unreadSupported: false,
    roamingDays: 0,
    importAllowed: false,
  },
  BChatRoom: {
    storage: 'room',
    preJoinHistoryVisible: false,
    needsActivation: false,
    sendMinRank: 'AppAdmin',
    defaultMsgFlag: 'AcceptNotNotify',
    unreadSupported: false,
    roamingDays: 0,
    importAllowed: false,
  },
  Community: {
    storage: 'table',
    preJoinHistoryVisible: true,
    needsActivation: false,
    sendMinRank: 'Member',
    defaultMsgFlag: 'AcceptAndNotify',
    unreadSupported: true,
    roamingDays: 7,
    importAllowed: true,
  },
};

export function capabilitiesOf(type: BuiltinGroupType): GroupTypeCapabilities {
  return { type, baseType: type, ...BASE[type] } as GroupTypeCapabilities;
}

export interface FakeMember {
  role: GroupRole;
  joinTime: number;
  muteUntil: number;
  msgFlag: MsgFlag;
  nameCard?: string;
}

export interface FakeGroup {
  type: BuiltinGroupType;
  ownerId: string | null;
  isActive: boolean;
  muteAll: boolean;
  nextMsgSeq: number;
  members: Map<string, FakeMember>;
}

type Handler = (data: Record<string, unknown>, sdkAppId: number) => unknown;

class CodedError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The fakes and what they were asked. */
export class FakeServices {
  readonly groups = new Map<string, FakeGroup>();
  /** MsgSettings by `app|user`. */
  readonly msgSettings = new Map<string, number>();
  readonly nicks = new Map<string, string>();
  /** `app|owner|blocked`. */
  readonly blacklist = new Set<string>();
  /** `app|owner|friend`. */
  readonly friends = new Set<string>();
  readonly calls: { subject: string; data: Record<string, unknown>; sdkAppId: number }[] = [];
  private readonly subscriptions: Subscription[] = [];

  private constructor(private readonly nc: NatsConnection) {}

  static async start(nc: NatsConnection): Promise<FakeServices> {
    const fakes = new FakeServices(nc);
    fakes.serve('group', GroupRpc.GetSendContext, (d, app) => fakes.sendContext(app, d));
    fakes.serve('group', GroupRpc.GetDeliveryMembers, (d, app) => fakes.deliveryMembers(app, d));
    fakes.serve('group', GroupRpc.GetTypeCapabilities, (d) => ({
      types: [capabilitiesOf((d.type as BuiltinGroupType) ?? 'Public')],
    }));
    fakes.serve('group', GroupRpc.AllocateMsgSeq, (d, app) => {
      const g = fakes.group(app, String(d.groupId));
      const count = Number(d.count ?? 1);
      // as the group service: a note with lastSeq is absolute (at least one past it)
      if (typeof d.lastSeq === 'number') g.nextMsgSeq = Math.max(g.nextMsgSeq, d.lastSeq + 1);
      else g.nextMsgSeq += count;
      const activated = !g.isActive;
      g.isActive = true;
      return { firstSeq: g.nextMsgSeq - count, nextMsgSeq: g.nextMsgSeq, activated };
    });
    fakes.serve('group', GroupRpc.SetReadSeq, (d, app) => {
      const asOf = typeof d.asOfSeq === 'number' ? d.asOfSeq : 0;
      const g = fakes.groups.get(`${app}|${String(d.groupId)}`);
      if (g) g.nextMsgSeq = Math.max(g.nextMsgSeq, asOf + 1);
      return { msgSeq: d.msgSeq };
    });
    fakes.serve('profile', ProfileRpc.GetSettings, (d, app) => ({
      settings: (d.userIds as string[]).map((userId) => ({
        userId,
        exists: true,
        allowType: 'AllowType_Type_NeedConfirm',
        adminForbidType: 'AdminForbid_Type_None',
        msgSettings: fakes.msgSettings.get(`${app}|${userId}`) ?? 0,
      })),
    }));
    fakes.serve('profile', ProfileRpc.Get, (d, app) => ({
      profiles: (d.userIds as string[]).map((userId) => {
        const nick = fakes.nicks.get(`${app}|${userId}`);
        return {
          userId,
          items: nick ? [{ tag: 'Tag_Profile_IM_Nick', value: nick }] : [],
          code: 0,
          message: '',
        };
      }),
      failedUserIds: [],
    }));
    fakes.serve('relation', RelationRpc.IsBlacklisted, (d, app) => ({
      userBlocksPeer: fakes.blacklist.has(`${app}|${String(d.userId)}|${String(d.peerUserId)}`),
    }));
    fakes.serve('relation', RelationRpc.AreFriends, (d, app) => ({
      userHasPeer: fakes.friends.has(`${app}|${String(d.userId)}|${String(d.peerUserId)}`),
    }));
    await nc.flush();
    return fakes;
  }

  stop(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  /** Adds a group; members join now with the type's default MsgFlag unless given. */
  addGroup(
    sdkAppId: number,
    groupId: string,
    type: BuiltinGroupType,
    members: Record<string, Partial<FakeMember>> = {},
    options: Partial<Pick<FakeGroup, 'ownerId' | 'isActive' | 'muteAll'>> = {},
  ): FakeGroup {
    const caps = capabilitiesOf(type);
    const group: FakeGroup = {
      type,
      ownerId: options.ownerId ?? null,
      isActive: options.isActive ?? true,
      muteAll: options.muteAll ?? false,
      nextMsgSeq: 1,
      members: new Map(),
    };
    for (const [userId, m] of Object.entries(members))
      group.members.set(userId, {
        role: 'Member',
        joinTime: 0,
        muteUntil: 0,
        msgFlag: caps.defaultMsgFlag,
        ...m,
      });
    this.groups.set(`${sdkAppId}|${groupId}`, group);
    return group;
  }

  group(sdkAppId: number, groupId: string): FakeGroup {
    const g = this.groups.get(`${sdkAppId}|${groupId}`);
    if (!g) throw new CodedError(ErrorCode.GroupNotFound, `group ${groupId} does not exist`);
    return g;
  }

  callsOf(subject: string): { data: Record<string, unknown>; sdkAppId: number }[] {
    return this.calls.filter((c) => c.subject === subject);
  }

  private sendContext(sdkAppId: number, d: Record<string, unknown>): SendContextReply {
    const groupId = String(d.groupId);
    const g = this.group(sdkAppId, groupId);
    const caps = capabilitiesOf(g.type);
    const senderId = d.senderId as string | undefined;
    const member = senderId ? g.members.get(senderId) : undefined;
    const now = Math.floor(Date.now() / 1000);
    let refusalCode = 0;
    let refusal = '';
    if (senderId) {
      if (caps.sendMinRank === 'AppAdmin') [refusalCode, refusal] = [10007, 'only the App admin'];
      else if (!member) [refusalCode, refusal] = [10007, 'not a member'];
      else if (member.muteUntil > now) [refusalCode, refusal] = [10017, 'muted'];
      else if (g.muteAll && member.role === 'Member') [refusalCode, refusal] = [10017, 'all muted'];
    }
    return {
      groupId,
      type: g.type,
      capabilities: caps,
      ownerId: g.ownerId,
      isActive: g.isActive,
      muteAllMember: g.muteAll,
      historyMsgBeforeJoin: caps.preJoinHistoryVisible,
      nextMsgSeq: g.nextMsgSeq,
      createTime: 0,
      sender: member
        ? {
            role: member.role,
            joinTime: member.joinTime,
            muteUntil: member.muteUntil,
            msgFlag: member.msgFlag,
            msgSeq: 0,
            nameCard: member.nameCard ?? '',
          }
        : null,
      refusalCode,
      refusal,
    };
  }

  private deliveryMembers(sdkAppId: number, d: Record<string, unknown>) {
    const g = this.group(sdkAppId, String(d.groupId));
    if (capabilitiesOf(g.type).storage === 'room')
      return { roomDelivery: true, isActive: true, members: [], next: null };
    const limit = Number(d.limit ?? 1000);
    const after = d.after as string | undefined;
    const ids = [...g.members.keys()].sort().filter((u) => after === undefined || u > after);
    const page = ids.slice(0, limit);
    return {
      roomDelivery: false,
      isActive: g.isActive,
      members: page.map((userId) => ({
        userId,
        role: g.members.get(userId)!.role,
        msgFlag: g.members.get(userId)!.msgFlag,
      })),
      next: page.length === limit && ids.length > limit ? page[page.length - 1] : null,
    };
  }

  private serve(queue: string, subject: string, handler: Handler): void {
    this.subscriptions.push(
      this.nc.subscribe(subject, {
        queue,
        callback: (_err, msg: Msg) => {
          const packet = JSON.parse(decoder.decode(msg.data)) as {
            id: string;
            data: Record<string, unknown>;
          };
          const sdkAppId = Number(msg.headers?.get(TransportHeaders.SdkAppId));
          this.calls.push({ subject, data: packet.data, sdkAppId });
          let reply: unknown;
          try {
            reply = { id: packet.id, response: handler(packet.data, sdkAppId), isDisposed: true };
          } catch (err) {
            const code = err instanceof CodedError ? err.code : 10002;
            reply = {
              id: packet.id,
              err: { code, category: 'invalid', message: (err as Error).message },
              isDisposed: true,
            };
          }
          msg.respond(encoder.encode(JSON.stringify(reply)));
        },
      }),
    );
  }
}
