import type { TopicChange } from '@im/contracts';

import type { Actor } from '../group-actor.model';
import { groupEventBase } from '../group-events.mapper';
import { factNotification } from '../group-permissions.rules';
import type { GroupRow, TopicRow } from '../group.schema';
import { toTopicView } from './group-topic.rules';

/** The fact of a topic change (`group.evt.topic-*`, `TopicChangedEvent` in libs/contracts). */
export function topicFact(
  row: GroupRow,
  actor: Actor,
  topic: TopicRow,
  change: TopicChange,
  changedFields: string[] = [],
) {
  return {
    ...groupEventBase(row, actor, factNotification(row.isActive)),
    change,
    topicId: topic.topicId,
    topic: toTopicView(topic),
    changedFields,
    groupOwnerId: row.ownerId ?? '',
  };
}

/**
 * The topics of a dismissed Community, destroyed with it: one `topic-destroyed` fact each, as
 * destroy_topic tells it, naming the members at dismissal (the group's member list is gone
 * by the time the fact is delivered).
 */
export function dismissedTopicFacts(
  row: GroupRow,
  actor: Actor,
  topics: readonly TopicRow[],
  memberIds: string[],
) {
  return topics.map((topic) => ({
    ...topicFact(row, actor, topic, 'destroyed'),
    groupDismissed: true,
    memberIds,
  }));
}
