import type { ChatMessage, TopicResultItem, TopicView } from '@im/contracts';

import { topicInfo, topicSelfOut } from './topic.commands';

const view: TopicView = {
  topicId: 'g@TOPIC#_a',
  groupId: 'g',
  name: 'A',
  introduction: 'i',
  notification: 'n',
  faceUrl: 'f',
  customString: 'c',
  ownerId: 'o',
  createTime: 1,
  lastMsgTime: 2,
  nextMsgSeq: 3,
  muteAllMember: false,
};
const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
const item: TopicResultItem = {
  topicId: view.topicId,
  errorCode: 0,
  topic: view,
  self: { joinTime: 10, msgFlag: 'AcceptAndNotify', readSeq: 1, unread: 1 },
  lastMessage: { seq: 2, from: 'ann', random: 7, time: 20, body } as unknown as ChatMessage,
};

describe('get_topic mapping', () => {
  it('answers SelfInfo and LastMsg (a group_msg_get_simple item) for a named member', () => {
    expect(topicSelfOut(item)).toEqual({
      SelfInfo: { JoinTime: 10, MsgFlag: 'AcceptAndNotify', MsgSeq: 1, UnreadMsgNum: 1 },
      LastMsg: {
        From_Account: 'ann',
        IsPlaceMsg: 0,
        IsSystemMsg: 0,
        MsgBody: body,
        MsgPriority: expect.any(Number),
        MsgRandom: 7,
        MsgSeq: 2,
        MsgTimeStamp: 20,
      },
    });
    expect(topicSelfOut({ ...item, self: undefined })).toEqual({});
  });

  it('a ResponseFilter picks SelfInfo / LastMsg like the TopicInfo fields', () => {
    expect(topicSelfOut(item, ['TopicName', 'SelfInfo'])).toEqual({
      SelfInfo: expect.any(Object),
    });
    expect(topicInfo(view, ['TopicName', 'SelfInfo', 'LastMsg'])).toEqual({
      TopicId: 'g@TOPIC#_a',
      TopicName: 'A',
    });
  });
});
