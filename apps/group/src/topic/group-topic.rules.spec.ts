import { ErrorCode, groupIdOfTopic, isTopicId, TopicLimits } from '@im/contracts';
import type { ChatMessage, ModifyTopicRequest, TopicResultItem, TopicView } from '@im/contracts';

import type { TopicRow } from '../group.schema';
import { supportTopicProblem } from '../group-create.rules';
import { BUILTIN_CAPABILITIES } from '../group-types.rules';
import {
  assertMayManageTopics,
  assertMayReadTopics,
  assertRoomForTopic,
  assertTopicsSupported,
  belongsToGroup,
  customTopicIdProblem,
  generateTopicId,
  topicPatch,
  withSelfInfo,
  toTopicView,
} from './group-topic.rules';

function makeTopic(overrides: Partial<TopicRow> = {}): TopicRow {
  return {
    sdkAppId: 1,
    groupId: 'g1',
    topicId: 'g1@TOPIC#_t',
    name: 'T',
    introduction: '',
    notification: '',
    faceUrl: '',
    customString: '',
    ownerId: '',
    createTime: 100,
    lastMsgTime: 0,
    nextMsgSeq: 1,
    muteAll: false,
    ...overrides,
  };
}

const codeOf = (f: () => void): number | undefined => {
  try {
    f();
    return undefined;
  } catch (err) {
    return (err as { code: number }).code;
  }
};

describe('group topic rules', () => {
  it('generates `<GroupId>@TOPIC#_@TOPIC#` and 10 letters or digits', () => {
    let i = 0;
    const id = generateTopicId('@TGS#ABC', () => i++ % 36);
    expect(id).toBe('@TGS#ABC@TOPIC#_@TOPIC#ABCDEFGHIJ');
    expect(isTopicId(id)).toBe(true);
    expect(groupIdOfTopic(id)).toBe('@TGS#ABC');
    expect(isTopicId('@TGS#ABC')).toBe(false);
  });

  it('takes a custom ID of the group with a printable suffix of at most 48 bytes', () => {
    expect(customTopicIdProblem('g1', 'g1@TOPIC#_news')).toBeNull();
    expect(customTopicIdProblem('g1', 'g1@TOPIC#_' + 'x'.repeat(48))).toBeNull();
    expect(customTopicIdProblem('g1', 'g1@TOPIC#_' + 'x'.repeat(49))).toMatch(/48 bytes/);
    expect(customTopicIdProblem('g1', 'g2@TOPIC#_news')).toMatch(/starts with g1@TOPIC#_/);
    expect(customTopicIdProblem('g1', 'g1@TOPIC#_')).toMatch(/empty/);
    expect(customTopicIdProblem('g1', 'g1@TOPIC#_ü')).toMatch(/printable ASCII/);
    expect(customTopicIdProblem('g1', 'g1@TOPIC#_@TOPIC#X')).toMatch(/may not start/);
  });

  it('tells a topic of the group from one of another group', () => {
    expect(belongsToGroup('g1', 'g1@TOPIC#_a')).toBe(true);
    expect(belongsToGroup('g1', 'g10@TOPIC#_a')).toBe(false);
  });

  it('has topics only in a Community created with SupportTopic (10007 otherwise)', () => {
    const community = BUILTIN_CAPABILITIES.Community;
    const row = { groupId: 'g1', type: 'Community', supportTopic: true };
    expect(codeOf(() => assertTopicsSupported(row, community))).toBeUndefined();
    expect(codeOf(() => assertTopicsSupported({ ...row, supportTopic: false }, community))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(codeOf(() => assertTopicsSupported(row, BUILTIN_CAPABILITIES.Public))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('refuses SupportTopic on any type but Community (10004)', () => {
    expect(
      supportTopicProblem(BUILTIN_CAPABILITIES.Community, { supportTopic: true }),
    ).toBeUndefined();
    expect(
      supportTopicProblem(BUILTIN_CAPABILITIES.Public, { supportTopic: false }),
    ).toBeUndefined();
    expect(supportTopicProblem(BUILTIN_CAPABILITIES.Public, { supportTopic: true })?.code).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('holds at most 100 topics in a Community', () => {
    expect(codeOf(() => assertRoomForTopic(TopicLimits.maxTopicsPerGroup - 1))).toBeUndefined();
    expect(codeOf(() => assertRoomForTopic(TopicLimits.maxTopicsPerGroup))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('lets the owner, admins and the App admin manage topics and members read them', () => {
    for (const rank of ['AppAdmin', 'Owner', 'Admin'] as const)
      expect(codeOf(() => assertMayManageTopics(rank))).toBeUndefined();
    expect(codeOf(() => assertMayManageTopics('Member'))).toBe(ErrorCode.GroupPermissionDenied);
    expect(codeOf(() => assertMayReadTopics('Member'))).toBeUndefined();
    expect(codeOf(() => assertMayReadTopics('NonMember'))).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('changes only the fields given that differ, named as Tencent names them', () => {
    const current = makeTopic({ name: 'T', faceUrl: 'f' });
    const req = {
      groupId: 'g1',
      topicId: 'g1@TOPIC#_t',
      name: 'T',
      faceUrl: 'f2',
      muteAllMember: true,
      customString: 'c',
    } as ModifyTopicRequest;
    expect(topicPatch(req, current)).toEqual({
      patch: { faceUrl: 'f2', customString: 'c', muteAll: true },
      changedFields: ['FaceUrl', 'CustomString', 'MuteAllMember'],
    });
    expect(topicPatch({ groupId: 'g1', topicId: 'g1@TOPIC#_t' }, current).changedFields).toEqual(
      [],
    );
  });

  it('answers a topic with its own line (NextMsgSeq, LastMsgTime) and MuteAllMember', () => {
    expect(toTopicView(makeTopic({ nextMsgSeq: 5, lastMsgTime: 9, muteAll: true }))).toMatchObject({
      topicId: 'g1@TOPIC#_t',
      groupId: 'g1',
      nextMsgSeq: 5,
      lastMsgTime: 9,
      muteAllMember: true,
    });
  });

  it('gives the Community type a table-stored row with unread, roaming and 100,000 members', () => {
    expect(BUILTIN_CAPABILITIES.Community).toMatchObject({
      storage: 'table',
      memberLimit: 100000,
      unreadSupported: true,
      roamingDays: 7,
      needsActivation: false,
      defaultApplyJoinOption: 'FreeAccess',
      preJoinHistoryVisible: true,
    });
  });
});

describe(withSelfInfo.name, () => {
  it('gives each found topic the member’s SelfInfo and LastMsg; unknown topics stay bare', () => {
    const view = { topicId: 'g@TOPIC#_a' } as TopicView;
    const last = { seq: 2, from: 'ann' } as ChatMessage;
    const items: TopicResultItem[] = [
      { topicId: 'g@TOPIC#_a', errorCode: 0, topic: view },
      { topicId: 'g@TOPIC#_b', errorCode: 0, topic: { ...view, topicId: 'g@TOPIC#_b' } },
      { topicId: 'g@TOPIC#_x', errorCode: ErrorCode.GroupNotFound },
    ];

    withSelfInfo(items, { joinTime: 100, msgFlag: 'AcceptNotNotify' }, [
      { groupId: 'g@TOPIC#_a', readSeq: 1, unread: 1, lastMessage: last },
    ]);

    expect(items[0]).toMatchObject({
      self: { joinTime: 100, msgFlag: 'AcceptNotNotify', readSeq: 1, unread: 1 },
      lastMessage: last,
    });
    // a topic the message service had no line for: nothing read, nothing unread, no message
    expect(items[1].self).toEqual({
      joinTime: 100,
      msgFlag: 'AcceptNotNotify',
      readSeq: 0,
      unread: 0,
    });
    expect(items[1]).not.toHaveProperty('lastMessage');
    expect(items[2]).toEqual({ topicId: 'g@TOPIC#_x', errorCode: ErrorCode.GroupNotFound });
  });
});
