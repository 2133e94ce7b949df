import { ErrorCode, GroupEvt } from '@im/contracts';
import type {
  AppSettings,
  CallerContext,
  CreateGroupRequest,
  EventSubject,
  GroupBeforeCreateGroupBody,
} from '@im/contracts';
import type { EventOutbox, NatsBus, PlatformLogger } from '@im/platform';

import { SensitiveWordsCache } from '@im/platform';
import type { AccountsClient } from '@im/platform';
import type { GroupCallbacks } from './group-callbacks.client';
import type { GroupDb } from './group.db';
import type { GroupBanRepository } from './group-ban.repository';
import type { RoomAdminRepository } from './room-admin.repository';
import { GroupLoader } from './group-loader.service';
import { FakeGroupMemberRepository } from './group-member.repository.fake';
import { FakeGroupRepository } from './group.repository.fake';
import { GroupService } from './group.service';
import { resolveGroupSettings } from './group-settings.reader';
import type { GroupSettingsReader } from './group-settings.reader';
import { GroupTransactions } from './group-transactions.db';
import { MemberAdmission } from './member-admission.service';
import type { RoomJoinBatcher } from './room-join-batch.service';
import type { RoomMemberStore } from './room-member.store';
import type { GroupTopicRepository } from './topic/group-topic.repository';

const APP = 1400000001;
const user = (callerId: string): CallerContext => ({
  sdkAppId: APP,
  role: 'user',
  callerId,
  requestId: 'r',
});
const admin: CallerContext = {
  sdkAppId: APP,
  role: 'admin',
  callerId: 'administrator',
  requestId: 'r',
};
const makeRequest = (overrides: Partial<CreateGroupRequest> = {}): CreateGroupRequest => ({
  type: 'Public',
  name: 'team',
  ...overrides,
});

/** GroupService over in-memory repositories; Redis rooms, accounts and callbacks as records. */
function setup(appSettings: AppSettings = {}, knownUsers = ['alice', 'bob', 'carol']) {
  const groups = new FakeGroupRepository();
  const members = new FakeGroupMemberRepository(groups);
  const roomJoins: { groupId: string; userId: string; counted: boolean }[] = [];
  const rooms = {
    join: (_app: number, groupId: string, userId: string, _at: number, counted: boolean) => {
      roomJoins.push({ groupId, userId, counted });
      return Promise.resolve(true);
    },
    countedRooms: () => Promise.resolve(new Map<string, number>()),
  } as unknown as RoomMemberStore;
  const settings = resolveGroupSettings(appSettings);
  const reader = { settingsOf: () => Promise.resolve(settings) } as unknown as GroupSettingsReader;
  const staged: { subject: EventSubject; fact: Record<string, unknown> }[] = [];
  const outbox = {
    commit: <T>(_db: unknown, work: (tx: unknown) => Promise<T>) => work({}),
    stage: (_tx: unknown, subject: EventSubject, fact: Record<string, unknown>) => {
      staged.push({ subject, fact });
      return Promise.resolve(fact);
    },
  } as unknown as EventOutbox;
  const asked: GroupBeforeCreateGroupBody[] = [];
  const callbacks = {
    beforeCreateGroup: async (_app: number, body: () => Promise<GroupBeforeCreateGroupBody>) => {
      asked.push(await body());
    },
  } as unknown as GroupCallbacks;
  const accounts = {
    missing: (_app: number, ids: string[]) =>
      Promise.resolve(new Set(ids.filter((id) => !knownUsers.includes(id)))),
  } as unknown as AccountsClient;
  const logger = { info: () => undefined } as unknown as PlatformLogger;
  const roomAdmins = { findAdmins: () => Promise.resolve([]) } as unknown as RoomAdminRepository;
  const loader = new GroupLoader(
    groups.asRepository(),
    members.asRepository(),
    rooms,
    reader,
    roomAdmins,
  );
  // A new group has no bans.
  const bans = {
    findBanned: () => Promise.resolve(new Map<string, number>()),
  } as unknown as GroupBanRepository;
  const admission = new MemberAdmission(
    groups.asRepository(),
    members.asRepository(),
    rooms,
    bans,
    {} as RoomJoinBatcher, // no room joins here
  );
  const writes = new GroupTransactions(groups.asRepository(), outbox, {} as NatsBus, {} as GroupDb);
  const sut = new GroupService(
    groups.asRepository(),
    members.asRepository(),
    rooms,
    loader,
    admission,
    accounts,
    writes,
    callbacks,
    new SensitiveWordsCache({} as NatsBus, logger, () => Promise.resolve(['badword'])),
    {} as GroupTopicRepository, // no Community here
    logger,
  );
  return { sut, groups, members, staged, asked, roomJoins };
}

describe(GroupService.name, () => {
  describe('create', () => {
    it('makes the creating user the owner and only member, and tells of the new group', async () => {
      const { sut, groups, members, staged } = setup();

      const reply = await sut.create(user('alice'), makeRequest());

      expect(reply).toEqual({ groupId: expect.stringMatching(/^@TGS#/), type: 'Public' });
      expect(await groups.findGroup(APP, reply.groupId)).toMatchObject({
        ownerId: 'alice',
        memberNum: 1,
        maxMemberNum: 2000,
        applyJoinOption: 'NeedPermission',
        isActive: true,
      });
      expect(members.of(APP, reply.groupId)).toEqual([
        expect.objectContaining({ userId: 'alice', role: 'Owner' }),
      ]);
      expect(staged).toEqual([
        {
          subject: GroupEvt.Created,
          fact: expect.objectContaining({
            ownerId: 'alice',
            memberIds: ['alice'],
            imported: false,
          }),
        },
      ]);
    });

    it('refuses (80001) a name, introduction, notification or name card with a sensitive word', async () => {
      const { sut, staged, asked } = setup();

      for (const req of [
        makeRequest({ name: 'a BadWord group' }),
        makeRequest({ introduction: 'badword' }),
        makeRequest({ notification: 'x BADWORD' }),
        makeRequest({ ownerId: 'alice', members: [{ userId: 'bob', nameCard: 'badword' }] }),
      ])
        await expect(sut.create(admin, req)).rejects.toMatchObject({ code: ErrorCode.DirtyWords });
      expect(staged).toEqual([]);
      expect(asked).toEqual([]);
    });

    it('asks the app before creating, with the owner, type and first members', async () => {
      const { sut, asked } = setup();

      await sut.create(admin, makeRequest({ ownerId: 'alice', members: [{ userId: 'bob' }] }));

      expect(asked).toEqual([
        expect.objectContaining({
          Owner_Account: 'alice',
          Type: 'Public',
          CreateGroupNum: 0,
          MemberList: [{ Member_Account: 'bob' }],
        }),
      ]);
    });

    it('lets the App admin create under a custom ID with initial members', async () => {
      const { sut, members, staged } = setup();

      await sut.create(
        admin,
        makeRequest({
          groupId: 'team-1',
          ownerId: 'alice',
          members: [{ userId: 'bob', role: 'Admin' }, { userId: 'carol' }],
        }),
      );

      expect(members.of(APP, 'team-1').map((m) => [m.userId, m.role])).toEqual([
        ['alice', 'Owner'],
        ['bob', 'Admin'],
        ['carol', 'Member'],
      ]);
      expect(staged[0].fact).toMatchObject({ memberIds: ['alice', 'bob', 'carol'] });
    });

    it('rejects members without an account with GroupAccountNotFound, storing nothing', async () => {
      const { sut, groups } = setup();

      await expect(
        sut.create(user('alice'), makeRequest({ members: [{ userId: 'zed' }] })),
      ).rejects.toMatchObject({ code: ErrorCode.GroupAccountNotFound });
      expect(groups.rows.size).toBe(0);
    });

    it('rejects a custom ID in use with GroupIdInUse, or GroupIdInUseByOperator for its owner', async () => {
      const { sut, groups } = setup();
      groups.seed({ sdkAppId: APP, groupId: 'taken', ownerId: 'alice' });

      await expect(
        sut.create(admin, makeRequest({ groupId: 'taken', ownerId: 'bob' })),
      ).rejects.toMatchObject({ code: ErrorCode.GroupIdInUse });
      await expect(
        sut.create(admin, makeRequest({ groupId: 'taken', ownerId: 'alice' })),
      ).rejects.toMatchObject({ code: ErrorCode.GroupIdInUseByOperator });
    });

    it('rejects a creation past the daily quota with GroupRateLimited', async () => {
      const { sut, groups } = setup({ groupDailyCreateLimit: 1 });
      await sut.create(user('alice'), makeRequest());

      await expect(sut.create(user('alice'), makeRequest())).rejects.toMatchObject({
        code: ErrorCode.GroupRateLimited,
      });
      expect(groups.rows.size).toBe(1);
    });

    it('puts the owner of an AVChatRoom into the room, not into the member table', async () => {
      const { sut, members, roomJoins } = setup({ avChatRoomEnabled: true });

      const { groupId } = await sut.create(user('alice'), makeRequest({ type: 'AVChatRoom' }));

      expect(roomJoins).toEqual([{ groupId, userId: 'alice', counted: true }]);
      expect(members.of(APP, groupId)).toEqual([]);
    });

    it('rejects a rule problem before any write, with its code', async () => {
      const { sut, groups, asked } = setup();

      await expect(
        sut.create(user('alice'), makeRequest({ groupId: 'mine' })),
      ).rejects.toMatchObject({ code: ErrorCode.GroupPermissionDenied });
      expect(asked).toEqual([]);
      expect(groups.rows.size).toBe(0);
    });
  });

  describe('importGroup', () => {
    it('keeps the original creation time, asks no callback and marks the fact imported', async () => {
      const { sut, groups, asked, staged } = setup();

      const { groupId } = await sut.importGroup(admin, {
        ...makeRequest({ type: 'Private', ownerId: 'alice' }),
        createTime: 1_600_000_000,
      });

      expect(await groups.findGroup(APP, groupId)).toMatchObject({
        createTime: 1_600_000_000,
        isActive: true,
      });
      expect(asked).toEqual([]);
      expect(staged[0].fact).toMatchObject({ imported: true });
    });

    it('rejects members in an import with GroupInvalidParameter', () => {
      const { sut } = setup();

      expect(() => sut.importGroup(admin, makeRequest({ members: [{ userId: 'bob' }] }))).toThrow(
        expect.objectContaining({ code: ErrorCode.GroupInvalidParameter }),
      );
    });
  });

  describe('modifyInfo', () => {
    async function withGroup() {
      const world = setup();
      const { groupId } = await world.sut.create(user('alice'), makeRequest());
      await world.members.insertMembers([
        {
          sdkAppId: APP,
          groupId,
          userId: 'bob',
          role: 'Member',
          joinTime: 1,
          msgFlag: 'AcceptAndNotify',
        },
      ]);
      world.staged.length = 0;
      return { ...world, groupId };
    }

    it('changes what differs, moves InfoSeq and tells the changed fields', async () => {
      const { sut, groups, staged, groupId } = await withGroup();

      const reply = await sut.modifyInfo(user('alice'), {
        groupId,
        name: 'team',
        introduction: 'hello',
      });

      expect(reply).toEqual({ infoSeq: 2, changedFields: ['Introduction'] });
      expect(await groups.findGroup(APP, groupId)).toMatchObject({ introduction: 'hello' });
      expect(staged).toEqual([
        {
          subject: GroupEvt.InfoChanged,
          fact: expect.objectContaining({ changedFields: ['Introduction'], infoSeq: 2 }),
        },
      ]);
    });

    it('tells nothing when nothing changes', async () => {
      const { sut, staged, groupId } = await withGroup();

      const reply = await sut.modifyInfo(user('alice'), { groupId, name: 'team' });

      expect(reply).toEqual({ infoSeq: 1, changedFields: [] });
      expect(staged).toEqual([]);
    });

    it('rejects a member renaming a Public group with GroupPermissionDenied', async () => {
      const { sut, groupId } = await withGroup();

      await expect(sut.modifyInfo(user('bob'), { groupId, name: 'x' })).rejects.toMatchObject({
        code: ErrorCode.GroupPermissionDenied,
      });
    });
  });
});
