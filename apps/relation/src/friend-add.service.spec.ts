import { ErrorCode, RelationEvt } from '@im/contracts';
import type {
  AddFriendsRequest,
  AllowType,
  CallerContext,
  EventSubject,
  ProfileSettings,
} from '@im/contracts';
import { SensitiveWordsCache } from '@im/platform';
import type { EventOutbox, NatsBus, PlatformLogger } from '@im/platform';

import type { BlacklistRepository } from './blacklist.repository';
import { FriendAddService } from './friend-add.service';
import type { FriendListsService } from './friend-lists.service';
import type { FriendRequestsRepository } from './friend-requests.repository';
import { FakeFriendsRepository } from './friends.repository.fake';
import type { RelationCallbacks } from './relation-callbacks.client';
import type { RelationRepository } from './relation.repository';
import type { AppRelationSettings, RelationSettings } from './relation-settings.reader';
import { ChangeSet } from './relation-transactions.db';
import type { RelationTransactions } from './relation-transactions.db';
import type { UsersClient } from './users.client';

const APP = 1400000001;
const alice: CallerContext = { sdkAppId: APP, role: 'user', callerId: 'alice', requestId: 'r' };
const makeRequest = (overrides: Partial<AddFriendsRequest> = {}): AddFriendsRequest => ({
  userId: 'alice',
  items: [{ toUserId: 'bob', addSource: 'AddSource_Type_Web' }],
  ...overrides,
});
const app: AppRelationSettings = {
  friendLimit: 3000,
  blacklistLimit: 1000,
  wordingRequired: false,
  requestTtlDays: 7,
  snsCustomFields: new Map(),
  profileCustomTags: new Set(),
};

/**
 * FriendAddService over the in-memory friend table; blacklists, requests, profiles and the
 * app's callback as plain records.
 */
function setup(profiles: Record<string, AllowType> = {}) {
  const friends = new FakeFriendsRepository();
  const blocks = new Set<string>();
  const blacklist = {
    findBlocked: (_app: number, userId: string, ids: string[]) =>
      Promise.resolve(new Set(ids.filter((id) => blocks.has(`${userId}>${id}`)))),
    findBlockers: (_app: number, userId: string, ids: string[]) =>
      Promise.resolve(new Set(ids.filter((id) => blocks.has(`${id}>${userId}`)))),
  } as unknown as BlacklistRepository;
  const pending: { fromUserId: string; toUserId: string }[] = [];
  const requests = {
    upsert: (_app: number, r: { fromUserId: string; toUserId: string }) => {
      pending.push(r);
      return Promise.resolve({
        ...r,
        addSource: 'AddSource_Type_Web',
        addWording: '',
        expiresAt: 9,
      });
    },
    deletePairs: () => Promise.resolve([]),
  } as unknown as FriendRequestsRepository;
  const staged: { subject: EventSubject; fact: Record<string, unknown> }[] = [];
  const outbox = {
    stage: (_tx: unknown, subject: EventSubject, fact: Record<string, unknown>) => {
      staged.push({ subject, fact });
      return Promise.resolve(fact);
    },
  } as unknown as EventOutbox;
  const known: Record<string, AllowType> = { alice: 'AllowType_Type_AllowAny', ...profiles };
  const directory = {
    settings: (_app: number, ids: string[]) =>
      Promise.resolve(
        new Map<string, ProfileSettings>(
          ids.map((userId) => [
            userId,
            {
              userId,
              exists: userId in known,
              allowType: known[userId] ?? 'AllowType_Type_AllowAny',
              adminForbidType: 'AdminForbid_Type_None',
              msgSettings: 0,
            },
          ]),
        ),
      ),
  } as unknown as UsersClient;
  const refusals = new Map<string, { code: number; info: string }>();
  const callbacks = {
    prevFriendAdd: () => Promise.resolve(refusals),
  } as unknown as RelationCallbacks;
  const transactions = {
    run: async <T>(_app: number, work: (tx: unknown, changes: ChangeSet) => Promise<T>) => {
      const changes = new ChangeSet();
      return { result: await work({}, changes), changes };
    },
  } as unknown as RelationTransactions;
  const sut = new FriendAddService(
    friends.asRepository(),
    blacklist,
    requests,
    { lockUsers: () => Promise.resolve(new Map()) } as unknown as RelationRepository,
    { ensureLists: () => Promise.resolve(undefined) } as unknown as FriendListsService,
    transactions,
    { of: () => Promise.resolve(app) } as unknown as RelationSettings,
    directory,
    outbox,
    callbacks,
    new SensitiveWordsCache({} as NatsBus, {} as PlatformLogger, () =>
      Promise.resolve(['badword']),
    ),
    { info: () => undefined } as unknown as PlatformLogger,
  );
  return { sut, friends, blocks, pending, staged, refusals };
}

describe(FriendAddService.name, () => {
  describe('addFriends', () => {
    it('adds an AllowAny target both ways and tells both owners', async () => {
      const { sut, friends, staged } = setup({ bob: 'AllowType_Type_AllowAny' });

      const reply = await sut.addFriends(alice, makeRequest());

      expect(reply.results).toEqual([{ userId: 'bob', code: ErrorCode.Ok, message: '' }]);
      expect(friends.has('alice', 'bob') && friends.has('bob', 'alice')).toBe(true);
      expect(staged.map((s) => [s.subject, s.fact.userId])).toEqual([
        [RelationEvt.FriendsAdded, 'bob'],
        [RelationEvt.FriendsAdded, 'alice'],
      ]);
    });

    it('fails (30005) only the items whose remark, wording or list name holds a sensitive word', async () => {
      const { sut, friends } = setup({
        bob: 'AllowType_Type_AllowAny',
        carol: 'AllowType_Type_AllowAny',
        dave: 'AllowType_Type_AllowAny',
        erin: 'AllowType_Type_AllowAny',
      });
      const item = (toUserId: string, extra: object) => ({
        toUserId,
        addSource: 'AddSource_Type_Test',
        ...extra,
      });

      const reply = await sut.addFriends(
        alice,
        makeRequest({
          items: [
            item('bob', { remark: 'a BadWord' }),
            item('carol', { addWording: 'badword!' }),
            item('dave', { groupName: 'badwords' }),
            item('erin', { remark: 'fine' }),
          ],
        }),
      );

      expect(reply.results.map((r) => [r.userId, r.code])).toEqual([
        ['bob', ErrorCode.SnsSensitiveWords],
        ['carol', ErrorCode.SnsSensitiveWords],
        ['dave', ErrorCode.SnsSensitiveWords],
        ['erin', ErrorCode.Ok],
      ]);
      expect(friends.has('alice', 'erin') && !friends.has('alice', 'bob')).toBe(true);
    });

    it('adds one direction for Add_Type_Single', async () => {
      const { sut, friends } = setup({ bob: 'AllowType_Type_AllowAny' });

      await sut.addFriends(alice, makeRequest({ addType: 'single' }));

      expect(friends.has('alice', 'bob')).toBe(true);
      expect(friends.has('bob', 'alice')).toBe(false);
    });

    it('makes a pending request for a NeedConfirm target with FriendRequestPending', async () => {
      const { sut, friends, pending } = setup({ bob: 'AllowType_Type_NeedConfirm' });

      const reply = await sut.addFriends(alice, makeRequest());

      expect(reply.results[0].code).toBe(ErrorCode.FriendRequestPending);
      expect(pending).toEqual([expect.objectContaining({ fromUserId: 'alice', toUserId: 'bob' })]);
      expect(friends.rows.size).toBe(0);
    });

    it("rejects a requester in the target's blacklist with RequesterInTargetBlacklist", async () => {
      const { sut, friends, blocks } = setup({ bob: 'AllowType_Type_AllowAny' });
      blocks.add('bob>alice');

      const reply = await sut.addFriends(alice, makeRequest());

      expect(reply.results[0].code).toBe(ErrorCode.RequesterInTargetBlacklist);
      expect(friends.rows.size).toBe(0);
    });

    it('rejects an existing friendship with SnsInvalidParameters', async () => {
      const { sut, friends } = setup({ bob: 'AllowType_Type_AllowAny' });
      friends.seed(['alice', 'bob'], ['bob', 'alice']);

      const reply = await sut.addFriends(alice, makeRequest());

      expect(reply.results[0].code).toBe(ErrorCode.SnsInvalidParameters);
    });

    it('answers each distinct target in order: rule failures, unknown accounts, refusals', async () => {
      const { sut, refusals } = setup({
        bob: 'AllowType_Type_AllowAny',
        carol: 'AllowType_Type_AllowAny',
      });
      refusals.set('carol', { code: 30099, info: '' });
      const item = (toUserId: string) => ({ toUserId, addSource: 'AddSource_Type_Web' });

      const reply = await sut.addFriends(
        alice,
        makeRequest({
          items: [item('alice'), item('zed'), item('carol'), item('bob'), item('bob')],
        }),
      );

      expect(reply.results.map((r) => [r.userId, r.code])).toEqual([
        ['alice', ErrorCode.SnsInvalidParameters],
        ['zed', ErrorCode.SnsAccountNotFound],
        ['carol', 30099],
        ['bob', ErrorCode.Ok],
      ]);
    });

    it('rejects a requester without an account with SnsAccountNotFound', async () => {
      const { sut } = setup({ bob: 'AllowType_Type_AllowAny' });

      await expect(
        sut.addFriends({ ...alice, role: 'admin' }, makeRequest({ userId: 'nobody' })),
      ).rejects.toMatchObject({ code: ErrorCode.SnsAccountNotFound });
    });

    it('rejects a user acting for another with SnsAdminRequired', async () => {
      const { sut } = setup();

      await expect(sut.addFriends(alice, makeRequest({ userId: 'bob' }))).rejects.toMatchObject({
        code: ErrorCode.SnsAdminRequired,
      });
    });
  });
});
