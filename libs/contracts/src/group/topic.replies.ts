import type { ChatMessage } from '../message/chat-message';
import type { TopicView } from './topic-view';

/** `create_topic` / `import_topic`: the (generated or given) topic ID. */
export class CreateTopicReply {
  topicId!: string;
}

/** One asked-for topic: its view, or the code it failed with. */
export class TopicResultItem {
  topicId!: string;
  errorCode!: number;
  topic?: TopicView;
  /** With `From_Account`: that member in the topic (get_topic's `SelfInfo`). */
  self?: TopicSelfInfo;
  /** With `From_Account`: the topic's last message that member may see (`LastMsg`). */
  lastMessage?: ChatMessage;
}

/** A member's state in a topic. */
export class TopicSelfInfo {
  /** When the member joined the Community (epoch seconds). */
  joinTime!: number;
  /** The member's message flag in the Community (AcceptAndNotify, ...). */
  msgFlag!: string;
  /** The last topic seq the member read. */
  readSeq!: number;
  unread!: number;
}

/** `get_topic` / `destroy_topic`: one item per topic, in request order (all topics when none). */
export class TopicResultsReply {
  items!: TopicResultItem[];
}
