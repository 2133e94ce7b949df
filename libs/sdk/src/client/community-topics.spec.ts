import type { SystemNotification } from '@im/contracts';

import { topicChangeOf } from './community-topics';

const notification = (kind: string, data: Record<string, unknown>) =>
  ({ kind, data }) as unknown as SystemNotification;

describe(topicChangeOf.name, () => {
  const topic = { topicId: 'g@TOPIC#_a', groupId: 'g', name: 'A' };

  it('reads a topic destroyed with its dismissed Community', () => {
    expect(
      topicChangeOf(
        notification('group.topic-destroyed', {
          change: 'destroyed',
          groupId: 'g',
          topicId: 'g@TOPIC#_a',
          topic,
          changedFields: [],
          groupDismissed: true,
          memberIds: ['bob'],
        }),
      ),
    ).toEqual({
      change: 'destroyed',
      groupId: 'g',
      topicId: 'g@TOPIC#_a',
      topic,
      changedFields: [],
      groupDismissed: true,
    });
  });

  it('a destroy_topic is not a dismissal; other notifications are no topic change', () => {
    expect(
      topicChangeOf(
        notification('group.topic-destroyed', {
          change: 'destroyed',
          groupId: 'g',
          topicId: 'g@TOPIC#_a',
          topic,
        }),
      ),
    ).toMatchObject({ groupDismissed: false, changedFields: [] });
    expect(topicChangeOf(notification('group.destroyed', { groupId: 'g' }))).toBeUndefined();
  });
});
