import { ConnEvt, ConversationIds, GroupEvt, MessageEvt, RelationEvt } from '@im/contracts';
import type { ChatMessage, EventOf, ProfileChangedEvent } from '@im/contracts';

import {
  AFTER_CALLBACKS_BY_SUBJECT,
  afterCallbacksOf,
  optPlatformOf,
  portraitSetCallback,
} from './after-callback.mapper';

const OCCURRED = '2024-05-01T10:00:00.123Z';
const MS = Date.parse(OCCURRED);
const envelope = {
  eventId: '2f1c1a4e-52c8-4c1f-9c7a-8f1d2a3b4c5d',
  sdkAppId: 1400000001,
  occurredAt: OCCURRED,
  requestId: 'r1',
};
const admin = { role: 'admin' as const, callerId: 'administrator' };
const user = (id: string) => ({ role: 'user' as const, callerId: id });
const group = {
  groupId: '@TGS#1',
  groupType: 'Public',
  operatorId: 'alice',
  byAppAdmin: false,
  notification: 'shown' as const,
};

const bodies = (callbacks: { body: unknown }[]) => callbacks.map((c) => c.body);

describe('after-callback mapping', () => {
  describe('State.StateChange', () => {
    const session = { userId: 'alice', connId: 'c1', nodeId: 'n1' };

    it('reports a login, with the devices it kicked and OptPlatform IOS', () => {
      const [cb] = afterCallbacksOf(
        ConnEvt.SessionOpened,
        { ...envelope, ...session, platform: 'iPhone', kickedPlatforms: ['iPhone', 'PC'] },
        {},
      );

      expect(cb.platform).toBe('IOS');
      expect(cb.body).toEqual({
        CallbackCommand: 'State.StateChange',
        EventTime: MS,
        Info: { Action: 'Login', To_Account: 'alice', Reason: 'Register' },
        KickedDevice: [{ Platform: 'iOS' }, { Platform: 'Windows' }],
      });
    });

    it('leaves KickedDevice out when no device was kicked', () => {
      const [cb] = afterCallbacksOf(
        ConnEvt.SessionOpened,
        { ...envelope, ...session, platform: 'Web', kickedPlatforms: [] },
        {},
      );

      expect(cb.body).not.toHaveProperty('KickedDevice');
      expect(cb.platform).toBe('Web');
    });

    it.each([
      ['logout', 'Logout', 'Unregister'],
      ['kicked', 'Logout', 'Unregister'],
      ['link-closed', 'Disconnect', 'LinkClose'],
      ['shutdown', 'Disconnect', 'LinkClose'],
      ['timeout', 'Disconnect', 'TimeOut'],
    ] as const)('reports a session closed by %s as %s/%s', (reason, Action, Reason) => {
      const [cb] = afterCallbacksOf(
        ConnEvt.SessionClosed,
        { ...envelope, ...session, platform: 'Android', reason },
        {},
      );

      expect(cb.body).toEqual({
        CallbackCommand: 'State.StateChange',
        EventTime: MS,
        Info: { Action, Reason, To_Account: 'alice' },
      });
      expect(cb.platform).toBe('Android');
    });
  });

  it('Profile.CallbackPortraitSet carries the operator, the user and the items set', () => {
    const event: ProfileChangedEvent = {
      ...envelope,
      userId: 'bob',
      changedTags: ['Tag_Profile_IM_Nick'],
      standardChanged: true,
      operatorId: 'administrator',
    };
    const cb = portraitSetCallback(event, [{ tag: 'Tag_Profile_IM_Nick', value: 'Bob' }], admin);

    expect(cb.platform).toBe('RESTAPI');
    expect(cb.body).toEqual({
      CallbackCommand: 'Profile.CallbackPortraitSet',
      Operator_Account: 'administrator',
      From_Account: 'bob',
      ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' }],
      EventTime: MS,
    });
  });

  describe('relation chain', () => {
    it('Sns.CallbackFriendAdd for a friend_add by the user', () => {
      const cbs = afterCallbacksOf(
        RelationEvt.FriendsAdded,
        { ...envelope, userId: 'alice', friendIds: ['bob', 'carol'], via: 'add' },
        user('alice'),
      );

      expect(cbs.map((c) => c.platform)).toEqual(['Unknown']);
      expect(bodies(cbs)).toEqual([
        {
          CallbackCommand: 'Sns.CallbackFriendAdd',
          ClientCmd: 'friend_add',
          Admin_Account: '',
          ForceFlag: 0,
          PairList: [
            { From_Account: 'alice', To_Account: 'bob', Initiator_Account: 'alice' },
            { From_Account: 'alice', To_Account: 'carol', Initiator_Account: 'alice' },
          ],
          EventTime: MS,
        },
      ]);
    });

    it('names the admin and the requester of an accepted request', () => {
      const forward = afterCallbacksOf(
        RelationEvt.FriendsAdded,
        { ...envelope, userId: 'alice', friendIds: ['bob'], via: 'accept' },
        user('bob'),
      );
      const reverse = afterCallbacksOf(
        RelationEvt.FriendsAdded,
        { ...envelope, userId: 'bob', friendIds: ['alice'], via: 'accept' },
        user('bob'),
      );
      const byAdmin = afterCallbacksOf(
        RelationEvt.FriendsAdded,
        { ...envelope, userId: 'alice', friendIds: ['bob'], via: 'add' },
        admin,
      );

      expect(forward[0].body).toMatchObject({
        ClientCmd: 'friend_response',
        PairList: [{ From_Account: 'alice', To_Account: 'bob', Initiator_Account: 'alice' }],
      });
      expect(reverse[0].body).toMatchObject({
        PairList: [{ From_Account: 'bob', To_Account: 'alice', Initiator_Account: 'alice' }],
      });
      expect(byAdmin[0].body).toMatchObject({ Admin_Account: 'administrator' });
      expect(byAdmin[0].platform).toBe('RESTAPI');
    });

    it('fires nothing for friend_import or for an account deletion', () => {
      expect(
        afterCallbacksOf(
          RelationEvt.FriendsAdded,
          { ...envelope, userId: 'a', friendIds: ['b'], via: 'import' },
          admin,
        ),
      ).toEqual([]);
      expect(
        afterCallbacksOf(
          RelationEvt.FriendsDeleted,
          { ...envelope, userId: 'a', friendIds: ['b'], via: 'account-deleted' },
          admin,
        ),
      ).toEqual([]);
    });

    it('Sns.CallbackFriendDelete lists the removed pairs', () => {
      expect(
        bodies(
          afterCallbacksOf(
            RelationEvt.FriendsDeleted,
            { ...envelope, userId: 'a', friendIds: ['b', 'c'], via: 'delete' },
            user('a'),
          ),
        ),
      ).toEqual([
        {
          CallbackCommand: 'Sns.CallbackFriendDelete',
          PairList: [
            { From_Account: 'a', To_Account: 'b' },
            { From_Account: 'a', To_Account: 'c' },
          ],
          EventTime: MS,
        },
      ]);
    });

    it('one blacklist change may be an add and a delete callback', () => {
      const cbs = afterCallbacksOf(
        RelationEvt.BlacklistChanged,
        { ...envelope, userId: 'a', addedUserIds: ['b'], removedUserIds: ['c'] },
        user('a'),
      );

      expect(bodies(cbs)).toEqual([
        {
          CallbackCommand: 'Sns.CallbackBlackListAdd',
          PairList: [{ From_Account: 'a', To_Account: 'b' }],
          EventTime: MS,
        },
        {
          CallbackCommand: 'Sns.CallbackBlackListDelete',
          PairList: [{ From_Account: 'a', To_Account: 'c' }],
          EventTime: MS,
        },
      ]);
    });
  });

  describe('groups', () => {
    it('Group.CallbackAfterCreateGroup with the members at creation', () => {
      expect(
        bodies(
          afterCallbacksOf(
            GroupEvt.Created,
            {
              ...envelope,
              ...group,
              name: 'G',
              ownerId: 'alice',
              memberIds: ['alice', 'bob'],
              imported: false,
            },
            user('alice'),
          ),
        ),
      ).toEqual([
        {
          CallbackCommand: 'Group.CallbackAfterCreateGroup',
          GroupId: '@TGS#1',
          Operator_Account: 'alice',
          Owner_Account: 'alice',
          Type: 'Public',
          Name: 'G',
          MemberList: [{ Member_Account: 'alice' }, { Member_Account: 'bob' }],
          UserDefinedDataList: [],
          EventTime: MS,
        },
      ]);
    });

    it('fires nothing for imported groups and members, or the members at creation', () => {
      const created = { ...envelope, ...group, name: 'G', ownerId: null, memberIds: [] };
      expect(afterCallbacksOf(GroupEvt.Created, { ...created, imported: true }, admin)).toEqual([]);
      for (const joinKind of ['created', 'imported'] as const)
        expect(
          afterCallbacksOf(
            GroupEvt.MemberJoined,
            { ...envelope, ...group, userIds: ['b'], joinKind },
            admin,
          ),
        ).toEqual([]);
    });

    it.each([
      ['added', 'Invited'],
      ['applied', 'Apply'],
      ['approved', 'Apply'],
    ] as const)('Group.CallbackAfterNewMemberJoin: %s joins as %s', (joinKind, JoinType) => {
      expect(
        bodies(
          afterCallbacksOf(
            GroupEvt.MemberJoined,
            { ...envelope, ...group, userIds: ['bob'], joinKind },
            user('alice'),
          ),
        ),
      ).toEqual([
        {
          CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
          GroupId: '@TGS#1',
          Type: 'Public',
          JoinType,
          Operator_Account: 'alice',
          NewMemberList: [{ Member_Account: 'bob' }],
          EventTime: MS,
        },
      ]);
    });

    it('Group.CallbackAfterNewMemberJoin: one per viewer of a batch of live-room applicants', () => {
      const batch = afterCallbacksOf(
        GroupEvt.MemberJoined,
        {
          ...envelope,
          ...group,
          groupType: 'AVChatRoom',
          operatorId: 'v1',
          userIds: ['v1', 'v2'],
          joinKind: 'applied',
        },
        user('v1'),
      );

      expect(bodies(batch)).toEqual(
        ['v1', 'v2'].map((v) => ({
          CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
          GroupId: '@TGS#1',
          Type: 'AVChatRoom',
          JoinType: 'Apply',
          Operator_Account: v,
          NewMemberList: [{ Member_Account: v }],
          EventTime: MS,
        })),
      );
    });

    it('Group.CallbackAfterMemberExit: one per viewer of a batch of live-room quits', () => {
      const batch = afterCallbacksOf(
        GroupEvt.MemberLeft,
        {
          ...envelope,
          ...group,
          groupType: 'AVChatRoom',
          operatorId: 'v1',
          userIds: ['v1', 'v2'],
          leaveKind: 'quit',
        },
        user('v1'),
      );

      expect(bodies(batch)).toEqual(
        ['v1', 'v2'].map((v) => ({
          CallbackCommand: 'Group.CallbackAfterMemberExit',
          GroupId: '@TGS#1',
          Type: 'AVChatRoom',
          ExitType: 'Quit',
          Operator_Account: v,
          ExitMemberList: [{ Member_Account: v }],
          EventTime: MS,
        })),
      );
    });

    it('Group.CallbackAfterMemberExit: Quit and Kicked; nothing for a deleted account', () => {
      const quit = afterCallbacksOf(
        GroupEvt.MemberLeft,
        { ...envelope, ...group, operatorId: 'bob', userIds: ['bob'], leaveKind: 'quit' },
        user('bob'),
      );
      const kicked = afterCallbacksOf(
        GroupEvt.MemberKicked,
        { ...envelope, ...group, userIds: ['bob', 'carol'], reason: '' },
        user('alice'),
      );
      const deleted = afterCallbacksOf(
        GroupEvt.MemberLeft,
        { ...envelope, ...group, userIds: ['bob'], leaveKind: 'account-deleted' },
        {},
      );

      expect(quit[0].body).toEqual({
        CallbackCommand: 'Group.CallbackAfterMemberExit',
        GroupId: '@TGS#1',
        Type: 'Public',
        ExitType: 'Quit',
        Operator_Account: 'bob',
        ExitMemberList: [{ Member_Account: 'bob' }],
        EventTime: MS,
      });
      expect(kicked[0].body).toMatchObject({
        ExitType: 'Kicked',
        ExitMemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }],
      });
      expect(deleted).toEqual([]);
    });

    it('Group.CallbackAfterGroupDestroyed', () => {
      expect(
        afterCallbacksOf(
          GroupEvt.Destroyed,
          { ...envelope, ...group, name: 'G', memberIds: ['alice', 'bob'] },
          user('alice'),
        )[0].body,
      ).toEqual({
        CallbackCommand: 'Group.CallbackAfterGroupDestroyed',
        GroupId: '@TGS#1',
        Type: 'Public',
        Owner_Account: '',
        Name: 'G',
        MemberList: [{ Member_Account: 'alice' }, { Member_Account: 'bob' }],
        EventTime: MS,
      });
    });

    it('Group.CallbackAfterGroupInfoChanged carries only the changed reported fields', () => {
      const info = {
        ...envelope,
        ...group,
        infoSeq: 2,
        name: 'New',
        introduction: 'intro',
        notificationText: 'notice',
        faceUrl: 'http://f',
        maxMemberNum: 100,
        applyJoinOption: 'FreeAccess' as const,
        muteAllMember: false,
        customDataKeys: [],
      };

      expect(
        afterCallbacksOf(
          GroupEvt.InfoChanged,
          { ...info, changedFields: ['Name', 'Notification', 'MaxMemberNum'] },
          user('alice'),
        )[0].body,
      ).toEqual({
        CallbackCommand: 'Group.CallbackAfterGroupInfoChanged',
        GroupId: '@TGS#1',
        Type: 'Public',
        Operator_Account: 'alice',
        Name: 'New',
        Notification: 'notice',
        EventTime: MS,
      });
      expect(
        afterCallbacksOf(
          GroupEvt.InfoChanged,
          { ...info, changedFields: ['MuteAllMember'] },
          admin,
        ),
      ).toEqual([]);
    });

    describe('topics of a Community', () => {
      const topicView = {
        topicId: '@TGS#1@TOPIC#_t1',
        groupId: '@TGS#1',
        name: 'T',
        introduction: 'i',
        notification: 'n',
        faceUrl: 'http://t',
        customString: 'c',
        ownerId: 'alice',
        createTime: 1,
        lastMsgTime: 0,
        nextMsgSeq: 1,
        muteAllMember: false,
      };
      const fact = {
        ...envelope,
        ...group,
        groupType: 'Community',
        topicId: topicView.topicId,
        topic: topicView,
        changedFields: [] as string[],
        groupOwnerId: 'owner',
      };

      it('Group.CallbackAfterCreateTopic with the group owner; nothing for import_topic', () => {
        expect(
          bodies(afterCallbacksOf(GroupEvt.TopicCreated, { ...fact, change: 'created' }, admin)),
        ).toEqual([
          {
            CallbackCommand: 'Group.CallbackAfterCreateTopic',
            GroupId: '@TGS#1',
            TopicId: '@TGS#1@TOPIC#_t1',
            Operator_Account: 'alice',
            Owner_Account: 'owner',
            Type: 'Community',
            Name: 'T',
            UserDefinedDataList: [],
            EventTime: MS,
          },
        ]);
        expect(
          afterCallbacksOf(
            GroupEvt.TopicCreated,
            { ...fact, change: 'created', imported: true },
            admin,
          ),
        ).toEqual([]);
      });

      it('Group.CallbackAfterTopicDestroyed; nothing when its Community was dismissed', () => {
        expect(
          bodies(
            afterCallbacksOf(GroupEvt.TopicDestroyed, { ...fact, change: 'destroyed' }, admin),
          ),
        ).toEqual([
          {
            CallbackCommand: 'Group.CallbackAfterTopicDestroyed',
            GroupId: '@TGS#1',
            Type: 'Community',
            TopicIdList: ['@TGS#1@TOPIC#_t1'],
            EventTime: MS,
          },
        ]);
        expect(
          afterCallbacksOf(
            GroupEvt.TopicDestroyed,
            { ...fact, change: 'destroyed', groupDismissed: true },
            admin,
          ),
        ).toEqual([]);
      });

      it('Group.CallbackAfterTopicInfoChanged with only the changed reported fields', () => {
        const changed = (changedFields: string[]) =>
          bodies(
            afterCallbacksOf(
              GroupEvt.TopicInfoChanged,
              { ...fact, change: 'info-changed', changedFields },
              user('alice'),
            ),
          );
        expect(changed(['TopicName', 'FaceUrl', 'CustomString'])).toEqual([
          {
            CallbackCommand: 'Group.CallbackAfterTopicInfoChanged',
            GroupId: '@TGS#1',
            TopicId: '@TGS#1@TOPIC#_t1',
            Type: 'Community',
            Operator_Account: 'alice',
            Name: 'T',
            FaceUrl: 'http://t',
            EventTime: MS,
          },
        ]);
        expect(changed(['CustomString', 'MuteAllMember'])).toEqual([]);
      });
    });

    it('Group.CallbackAfterChangeGroupOwner, not when the owner is only removed', () => {
      const base = { ...envelope, ...group, previousOwnerId: 'alice' };

      expect(
        afterCallbacksOf(GroupEvt.OwnerChanged, { ...base, newOwnerId: 'bob' }, user('alice'))[0]
          .body,
      ).toEqual({
        CallbackCommand: 'Group.CallbackAfterChangeGroupOwner',
        GroupId: '@TGS#1',
        Type: 'Public',
        Operator_Account: 'alice',
        OldOwner_Account: 'alice',
        NewOwner_Account: 'bob',
        EventTime: MS,
      });
      expect(afterCallbacksOf(GroupEvt.OwnerChanged, { ...base, newOwnerId: null }, {})).toEqual(
        [],
      );
    });

    it('Group.CallbackAfterMemberFieldChanged for a NameCard change once the event carries it', () => {
      const changed = { ...envelope, ...group, userId: 'bob', changedFields: ['NameCard'] };

      expect(afterCallbacksOf(GroupEvt.MemberInfoChanged, changed, user('bob'))).toEqual([]);
      expect(
        afterCallbacksOf(
          GroupEvt.MemberInfoChanged,
          { ...changed, nameCard: 'Bobby' } as never,
          user('bob'),
        )[0].body,
      ).toMatchObject({ Modified_Account: 'bob', NameCard: 'Bobby' });
      expect(
        afterCallbacksOf(
          GroupEvt.MemberInfoChanged,
          { ...changed, changedFields: ['MsgFlag'], nameCard: 'x' } as never,
          user('bob'),
        ),
      ).toEqual([]);
    });

    it('uses the initiator, force flag and custom data once the events carry them', () => {
      const added = afterCallbacksOf(
        RelationEvt.FriendsAdded,
        {
          ...envelope,
          userId: 'bob',
          friendIds: ['alice'],
          via: 'add',
          initiatorId: 'alice',
          force: true,
        } as never,
        admin,
      );
      const created = afterCallbacksOf(
        GroupEvt.Created,
        {
          ...envelope,
          ...group,
          name: 'G',
          ownerId: 'alice',
          memberIds: ['alice'],
          imported: false,
          customData: [{ key: 'Level', value: '3' }],
        } as never,
        admin,
      );

      expect(added[0].body).toMatchObject({
        ForceFlag: 1,
        PairList: [{ From_Account: 'bob', To_Account: 'alice', Initiator_Account: 'alice' }],
      });
      expect(created[0].body).toMatchObject({
        UserDefinedDataList: [{ Key: 'Level', Value: '3' }],
      });
    });

    it('Group.CallbackAfterMemberFieldChanged for a role change', () => {
      expect(
        afterCallbacksOf(
          GroupEvt.RoleChanged,
          { ...envelope, ...group, userId: 'bob', role: 'Admin' },
          user('alice'),
        )[0].body,
      ).toEqual({
        CallbackCommand: 'Group.CallbackAfterMemberFieldChanged',
        GroupId: '@TGS#1',
        Type: 'Public',
        Operator_Account: 'alice',
        Modified_Account: 'bob',
        Role: 'Admin',
        EventTime: MS,
      });
    });

    it('OfficialAccount subscriber callbacks carry the account, the operator and the users', () => {
      const event = {
        ...envelope,
        ...group,
        groupId: '@TOA#_news',
        userIds: ['bob', 'carol'],
      };
      expect(afterCallbacksOf(GroupEvt.OfficialAccountSubscribed, event, admin)[0].body).toEqual({
        CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber',
        Official_Account: '@TOA#_news',
        Operator_Account: 'alice',
        SubscribeAccountList: [{ Subscriber_Account: 'bob' }, { Subscriber_Account: 'carol' }],
        EventTime: MS,
      });
      expect(
        afterCallbacksOf(GroupEvt.OfficialAccountUnsubscribed, event, admin)[0].body,
      ).toMatchObject({ CallbackCommand: 'OfficialAccount.CallbackAfterDeleteSubscriber' });
      expect(
        afterCallbacksOf(GroupEvt.OfficialAccountSubscribed, { ...event, userIds: [] }, admin),
      ).toEqual([]);
      const filled = afterCallbacksOf(
        GroupEvt.OfficialAccountSubscribed,
        { ...event, full: true },
        admin,
      );
      expect(filled.map((c) => c.body)).toEqual([
        expect.objectContaining({ CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber' }),
        {
          CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountFull',
          Official_Account: '@TOA#_news',
          EventTime: MS,
        },
      ]);
    });

    it('OfficialAccount create / info-changed / destroyed callbacks carry the documented fields', () => {
      const base = { ...envelope, ...group, groupId: '@TOA#_news' };
      expect(
        afterCallbacksOf(
          GroupEvt.OfficialAccountCreated,
          { ...base, notification: 'none' as const, ownerAccount: 'olga', name: 'News' },
          admin,
        ).map((c) => c.body),
      ).toEqual([
        {
          CallbackCommand: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
          Official_Account: '@TOA#_news',
          Operator_Account: 'alice',
          Owner_Account: 'olga',
          Name: 'News',
          EventTime: MS,
        },
      ]);
      const changed = {
        ...base,
        changedFields: ['Name'],
        name: 'Daily',
        introduction: 'intro',
        faceUrl: 'http://f',
        organization: 'org',
      };
      expect(
        afterCallbacksOf(GroupEvt.OfficialAccountInfoChanged, changed, admin).map((c) => c.body),
      ).toEqual([
        {
          CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
          Official_Account: '@TOA#_news',
          Operator_Account: 'alice',
          Name: 'Daily',
          Introduction: 'intro',
          FaceUrl: 'http://f',
          Organization: 'org',
          EventTime: MS,
        },
      ]);
      // a fact without the new values (staged before they were carried) reports nothing
      expect(
        afterCallbacksOf(
          GroupEvt.OfficialAccountInfoChanged,
          { ...base, changedFields: ['Name'] },
          admin,
        ),
      ).toEqual([]);
      const destroyed = { ...base, userIds: ['bob'], ownerAccount: 'olga', name: 'News' };
      expect(
        afterCallbacksOf(GroupEvt.OfficialAccountDestroyed, destroyed, admin).map((c) => c.body),
      ).toEqual([
        {
          CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
          Official_Account: '@TOA#_news',
          Owner_Account: 'olga',
          Name: 'News',
          EventTime: MS,
        },
      ]);
      // the later facts of a large destruction (more subscribers) report nothing again
      expect(
        afterCallbacksOf(GroupEvt.OfficialAccountDestroyed, { ...base, userIds: ['c'] }, admin),
      ).toEqual([]);
    });

    it('Group.CallbackAfterGroupAttrChanged with OptionType and the attributes touched', () => {
      const attrs = [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ];
      const bodyOf = (op: string, changedKeys: string[], after = attrs) =>
        afterCallbacksOf(
          GroupEvt.AttrChanged,
          { ...envelope, ...group, op, changedKeys, attrs: after } as never,
          admin,
        )[0].body;
      expect(bodyOf('set', ['a', 'b'])).toEqual({
        CallbackCommand: 'Group.CallbackAfterGroupAttrChanged',
        GroupId: '@TGS#1',
        Type: 'Public',
        Operator_Account: 'alice',
        OptionType: 'set',
        GroupAttr: attrs,
        EventTime: MS,
      });
      expect(bodyOf('modify', ['b'])).toMatchObject({
        OptionType: 'modify',
        GroupAttr: [{ key: 'b', value: '2' }],
      });
      expect(bodyOf('delete', ['c'])).toMatchObject({
        OptionType: 'delete',
        GroupAttr: [{ key: 'c' }],
      });
      expect(bodyOf('clear', ['a', 'b'], [])).toMatchObject({ OptionType: 'clear', GroupAttr: [] });
    });
  });

  describe('messages', () => {
    const c2c: ChatMessage = {
      convId: ConversationIds.c2c('alice', 'bob'),
      type: 'C2C',
      seq: 7,
      time: 1714557600,
      random: 4242,
      msgKey: '7_4242_1714557600',
      from: 'alice',
      to: 'bob',
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
      cloudCustomData: 'cc',
    };

    it('C2C.CallbackAfterSendMsg', () => {
      expect(
        afterCallbacksOf(MessageEvt.Sent, { ...envelope, message: c2c }, user('alice'))[0].body,
      ).toEqual({
        CallbackCommand: 'C2C.CallbackAfterSendMsg',
        From_Account: 'alice',
        To_Account: 'bob',
        MsgSeq: 7,
        MsgRandom: 4242,
        MsgTime: 1714557600,
        MsgKey: '7_4242_1714557600',
        OnlineOnlyFlag: 0,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
        CloudCustomData: 'cc',
        SendMsgResult: 0,
        ErrorInfo: 'send msg succeed',
        UnreadMsgNum: 0,
        EventTime: MS,
      });
    });

    it("adds Bot.OnC2CMessage with Tencent's fields when the receiver is named @RBT#", () => {
      const toRobot = { ...c2c, to: '@RBT#jarvis' };

      const callbacks = afterCallbacksOf(
        MessageEvt.Sent,
        { ...envelope, message: toRobot },
        user('alice'),
      );

      expect(callbacks.map((c) => c.command)).toEqual([
        'C2C.CallbackAfterSendMsg',
        'Bot.OnC2CMessage',
      ]);
      expect(callbacks[1].body).toEqual({
        CallbackCommand: 'Bot.OnC2CMessage',
        From_Account: 'alice',
        To_Account: '@RBT#jarvis',
        MsgSeq: 7,
        MsgRandom: 4242,
        MsgTime: 1714557600,
        MsgKey: '7_4242_1714557600',
        OnlineOnlyFlag: 0,
        SendMsgResult: 0,
        ErrorInfo: 'send msg succeed',
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
        CloudCustomData: 'cc',
        EventTime: MS,
      });
    });

    it("fires no Bot.OnC2CMessage for a robot's own reply to a user", () => {
      const reply = { ...c2c, from: '@RBT#jarvis', to: 'alice' };

      expect(
        afterCallbacksOf(MessageEvt.Sent, { ...envelope, message: reply }, admin).map(
          (c) => c.command,
        ),
      ).toEqual(['C2C.CallbackAfterSendMsg']);
    });

    it('fires nothing for a message sent with ForbidAfterSendMsgCallback (or imported)', () => {
      expect(
        afterCallbacksOf(
          MessageEvt.Sent,
          { ...envelope, message: c2c, skipAfterCallback: true },
          admin,
        ),
      ).toEqual([]);
    });

    it('flags an online-only message and uses an unread count when the event has one', () => {
      const sent = { ...envelope, message: { ...c2c, seq: 0 }, unreadCount: 3 };

      expect(afterCallbacksOf(MessageEvt.Sent, sent as never, admin)[0].body).toMatchObject({
        OnlineOnlyFlag: 1,
        UnreadMsgNum: 3,
      });
    });

    it('Group.CallbackAfterSendMsg: Random, MsgSeq, the REST admin as operator', () => {
      const message: ChatMessage = {
        ...c2c,
        convId: ConversationIds.group('@TGS#1'),
        type: 'GROUP',
        msgKey: '7',
        to: '@TGS#1',
      };

      expect(
        afterCallbacksOf(
          MessageEvt.Sent,
          { ...envelope, message, groupType: 'Public' } as EventOf<typeof MessageEvt.Sent>,
          admin,
        )[0].body,
      ).toEqual({
        CallbackCommand: 'Group.CallbackAfterSendMsg',
        GroupId: '@TGS#1',
        Type: 'Public',
        From_Account: 'alice',
        Operator_Account: 'administrator',
        Random: 4242,
        MsgSeq: 7,
        MsgTime: 1714557600,
        OnlineOnlyFlag: 0,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
        CloudCustomData: 'cc',
        EventTime: MS,
      });
    });

    it('an official account message: OfficialAccount.CallbackAfterSendMsg, no group callback', () => {
      const message: ChatMessage = {
        ...c2c,
        convId: ConversationIds.group('@TOA#_news'),
        type: 'GROUP',
        msgKey: '7',
        to: '@TOA#_news',
      };
      const sent = afterCallbacksOf(
        MessageEvt.Sent,
        { ...envelope, message, groupType: 'Public' } as EventOf<typeof MessageEvt.Sent>,
        admin,
      );
      expect(sent.map((c) => c.body)).toEqual([
        {
          CallbackCommand: 'OfficialAccount.CallbackAfterSendMsg',
          Official_Account: '@TOA#_news',
          MsgKey: '7_1_1714557600',
          MsgTime: 1714557600,
          OnlineOnlyFlag: 0,
          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
          CloudCustomData: 'cc',
          EventTime: MS,
        },
      ]);
      // its recall is no group recall either
      expect(
        afterCallbacksOf(
          MessageEvt.Recalled,
          { ...envelope, convId: ConversationIds.group('@TOA#_news'), seq: 7, by: 'alice' },
          admin,
        ),
      ).toEqual([]);
    });

    it('Group.CallbackAfterSendMsg carries the @-mentions', () => {
      const message: ChatMessage = {
        ...c2c,
        convId: ConversationIds.group('@TGS#1'),
        type: 'GROUP',
        to: '@TGS#1',
        atInfo: [{ atAll: true }, { atAll: false, userId: 'bob' }],
      };

      expect(
        afterCallbacksOf(MessageEvt.Sent, { ...envelope, message }, user('alice'))[0].body,
      ).toMatchObject({
        GroupAtInfo: [
          { GroupAtAllFlag: 1, GroupAt_Account: '' },
          { GroupAtAllFlag: 0, GroupAt_Account: 'bob' },
        ],
      });
    });

    it('C2C.CallbackAfterMsgWithDraw and Group.CallbackAfterRecallMsg', () => {
      const c2cRecall = afterCallbacksOf(
        MessageEvt.Recalled,
        {
          ...envelope,
          convId: ConversationIds.c2c('bob', 'alice'),
          seq: 7,
          by: 'bob',
          msgKey: 'k',
        } as never,
        user('bob'),
      );
      const groupRecall = afterCallbacksOf(
        MessageEvt.Recalled,
        { ...envelope, convId: ConversationIds.group('@TGS#1'), seq: 9, by: 'alice' },
        user('alice'),
      );

      expect(c2cRecall[0].body).toEqual({
        CallbackCommand: 'C2C.CallbackAfterMsgWithDraw',
        From_Account: 'bob',
        To_Account: 'alice',
        MsgKey: 'k',
        UnreadMsgNum: 0,
        EventTime: MS,
      });
      expect(groupRecall[0].body).toEqual({
        CallbackCommand: 'Group.CallbackAfterRecallMsg',
        Operator_Account: 'alice',
        Type: '',
        GroupId: '@TGS#1',
        MsgSeqList: [{ MsgSeq: 9 }],
        EventTime: MS,
      });
    });

    it('C2C.CallbackAfterMsgReport for a C2C read, nothing for a group read', () => {
      expect(
        afterCallbacksOf(
          MessageEvt.Read,
          { ...envelope, convId: ConversationIds.c2c('alice', 'bob'), userId: 'bob', readSeq: 7 },
          user('bob'),
        )[0].body,
      ).toEqual({
        CallbackCommand: 'C2C.CallbackAfterMsgReport',
        Report_Account: 'bob',
        Peer_Account: 'alice',
        LastReadTime: Math.floor(MS / 1000),
        UnreadMsgNum: 0,
        EventTime: MS,
      });
      expect(
        afterCallbacksOf(
          MessageEvt.Read,
          { ...envelope, convId: ConversationIds.group('g'), userId: 'bob', readSeq: 7 },
          user('bob'),
        ),
      ).toEqual([]);
    });
  });

  describe('read receipts', () => {
    it('Group.CallbackAfterReadReceipt for group receipts with the counts, nothing for C2C', () => {
      expect(
        afterCallbacksOf(
          MessageEvt.ReceiptsSent,
          {
            ...envelope,
            convId: ConversationIds.group('@TGS#2'),
            userId: 'bob',
            seqs: [3, 4],
            counts: [
              { seq: 3, readNum: 1, unreadNum: 6 },
              { seq: 4, readNum: 2, unreadNum: 5 },
            ],
            groupType: 'Public',
          },
          user('bob'),
        )[0].body,
      ).toEqual({
        CallbackCommand: 'Group.CallbackAfterReadReceipt',
        GroupId: '@TGS#2',
        Type: 'Public',
        GroupMsgReceiptList: [
          { MsgSeq: 3, ReadNum: 1, UnreadNum: 6, ReadReceiptMembers: [{ Member_Account: 'bob' }] },
          { MsgSeq: 4, ReadNum: 2, UnreadNum: 5, ReadReceiptMembers: [{ Member_Account: 'bob' }] },
        ],
        EventTime: MS,
      });
      expect(
        afterCallbacksOf(
          MessageEvt.ReceiptsSent,
          { ...envelope, convId: ConversationIds.c2c('alice', 'bob'), userId: 'bob', seqs: [1] },
          user('bob'),
        ),
      ).toEqual([]);
    });
  });

  describe('message extensions', () => {
    it('C2C.CallbackAfterC2CMsgExtension for a C2C message, nothing for a group one', () => {
      const change = {
        ...envelope,
        convId: ConversationIds.c2c('alice', 'bob'),
        seq: 3,
        operation: 'delete' as const,
        extensions: [{ key: 'k1', value: '', seq: 2 }],
        latestSeq: 2,
      };
      expect(
        afterCallbacksOf(
          MessageEvt.ExtensionsChanged,
          { ...change, from: 'alice', to: 'bob', msgKey: '3_7_1700000000' },
          user('bob'),
        )[0].body,
      ).toEqual({
        CallbackCommand: 'C2C.CallbackAfterC2CMsgExtension',
        From_Account: 'alice',
        To_Account: 'bob',
        MsgKey: '3_7_1700000000',
        OperateType: 2,
        ExtensionList: [{ Key: 'k1', Value: '', Seq: 2 }],
        Seq: 2,
        EventTime: MS,
      });
      expect(
        afterCallbacksOf(
          MessageEvt.ExtensionsChanged,
          { ...change, convId: ConversationIds.group('g') },
          user('bob'),
        ),
      ).toEqual([]);
    });
  });

  it('wires these 28 after-callbacks (the README table)', () => {
    const commands = new Set(Object.values(AFTER_CALLBACKS_BY_SUBJECT).flat());

    expect([...commands].sort()).toEqual([
      'Bot.OnC2CMessage',
      'C2C.CallbackAfterC2CMsgExtension',
      'C2C.CallbackAfterMsgReport',
      'C2C.CallbackAfterMsgWithDraw',
      'C2C.CallbackAfterSendMsg',
      'Group.CallbackAfterChangeGroupOwner',
      'Group.CallbackAfterCreateGroup',
      'Group.CallbackAfterCreateTopic',
      'Group.CallbackAfterGroupAttrChanged',
      'Group.CallbackAfterGroupDestroyed',
      'Group.CallbackAfterGroupInfoChanged',
      'Group.CallbackAfterMemberExit',
      'Group.CallbackAfterMemberFieldChanged',
      'Group.CallbackAfterNewMemberJoin',
      'Group.CallbackAfterReadReceipt',
      'Group.CallbackAfterRecallMsg',
      'Group.CallbackAfterSendMsg',
      'Group.CallbackAfterTopicDestroyed',
      'Group.CallbackAfterTopicInfoChanged',
      'OfficialAccount.CallbackAfterAddSubscriber',
      'OfficialAccount.CallbackAfterCreateOfficialAccount',
      'OfficialAccount.CallbackAfterDeleteSubscriber',
      'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
      'OfficialAccount.CallbackAfterOfficialAccountFull',
      'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
      'OfficialAccount.CallbackAfterSendMsg',
      'Profile.CallbackPortraitSet',
      'Sns.CallbackBlackListAdd',
      'Sns.CallbackBlackListDelete',
      'Sns.CallbackFriendAdd',
      'Sns.CallbackFriendDelete',
      'State.StateChange',
    ]);
  });

  it('spells iOS as IOS only for State.StateChange', () => {
    expect(optPlatformOf('iPhone')).toBe('iOS');
    expect(optPlatformOf('iPhone', true)).toBe('IOS');
  });
});
