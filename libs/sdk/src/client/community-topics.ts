import { ConversationIds } from '@im/contracts';
import type {
  ChatMessage,
  CreateTopicRequest,
  ModifyTopicRequest,
  SystemNotification,
  TopicView,
} from '@im/contracts';

import type { ImClient } from './im-client';

/** What a `group.topic-*` notification says happened to a topic of a Community. */
export interface TopicChange {
  change: 'created' | 'info-changed' | 'destroyed';
  groupId: string;
  topicId: string;
  topic: TopicView;
  /** For `info-changed`: TopicName, Introduction, Notification, FaceUrl, CustomString, MuteAllMember. */
  changedFields: string[];
  /** For `destroyed`: the topic went with its dismissed Community. */
  groupDismissed: boolean;
}

/** A topic with the caller's read position, unread count and last visible message in it. */
export interface TopicState {
  topic: TopicView;
  readSeq: number;
  unread: number;
  lastMessage?: ChatMessage;
}

const TOPIC_KINDS = new Set([
  'group.topic-created',
  'group.topic-info-changed',
  'group.topic-destroyed',
]);

/**
 * The topics of a Community created with SupportTopic (docs/protocol.md §7.10): members read
 * them; the owner and admins create, change and destroy them. A topic is its own conversation
 * ({@link topicConversationId}): send with `chat.sendGroup(topicId, ...)`, read its history
 * with `chat.getHistory(topicConversationId(topicId))`; its seqs and unread count are its own.
 */
export class ImTopics {
  constructor(private readonly client: ImClient) {}

  /** The Community's topics (or the named ones that exist), oldest first. */
  async getTopicList(groupId: string, topicIds?: string[]): Promise<TopicView[]> {
    const { items } = await this.client.command('group.get-topics', {
      groupId,
      ...(topicIds && { topicIds }),
    });
    return items.flatMap((i) => (i.topic ? [i.topic] : []));
  }

  /**
   * The Community's topics with the caller's state in each: the last seq read, the unread count
   * and the last message the caller may see (Tencent's topic `readSequence`, `unreadCount`,
   * `lastMessage`).
   */
  async getTopicStates(groupId: string, topicIds?: string[]): Promise<TopicState[]> {
    const { items } = await this.client.command('group.get-topics', {
      groupId,
      ...(topicIds && { topicIds }),
    });
    return items.flatMap((i) =>
      i.topic
        ? [
            {
              topic: i.topic,
              readSeq: i.self?.readSeq ?? 0,
              unread: i.self?.unread ?? 0,
              ...(i.lastMessage && { lastMessage: i.lastMessage }),
            },
          ]
        : [],
    );
  }

  /** Creates a topic (owner and admins); its ID. */
  async createTopic(
    groupId: string,
    info: Omit<CreateTopicRequest, 'groupId' | 'operatorId' | 'createTime'>,
  ): Promise<string> {
    const { topicId } = await this.client.command('group.create-topic', { groupId, ...info });
    return topicId;
  }

  /** Changes a topic's fields (owner and admins). */
  async setTopicInfo(
    groupId: string,
    topicId: string,
    change: Omit<ModifyTopicRequest, 'groupId' | 'topicId' | 'operatorId'>,
  ): Promise<void> {
    await this.client.command('group.modify-topic', { groupId, topicId, ...change });
  }

  /** Destroys topics (all of them when none are named); the IDs destroyed. */
  async deleteTopics(groupId: string, topicIds?: string[]): Promise<string[]> {
    const { items } = await this.client.command('group.destroy-topics', {
      groupId,
      ...(topicIds && { topicIds }),
    });
    return items.filter((i) => i.errorCode === 0).map((i) => i.topicId);
  }
}

/** The conversation a topic's messages are in (a group conversation keyed by the topic ID). */
export function topicConversationId(topicId: string): string {
  return ConversationIds.group(topicId);
}

/** The topic change a system notification tells, or undefined for any other notification. */
export function topicChangeOf(notification: SystemNotification): TopicChange | undefined {
  if (!TOPIC_KINDS.has(notification.kind)) return undefined;
  const d = notification.data;
  return {
    change: d.change as TopicChange['change'],
    groupId: String(d.groupId),
    topicId: String(d.topicId),
    topic: d.topic as TopicView,
    changedFields: Array.isArray(d.changedFields) ? (d.changedFields as string[]) : [],
    groupDismissed: d.groupDismissed === true,
  };
}
