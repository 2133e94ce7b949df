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
}

/** `get_topic` / `destroy_topic`: one item per topic, in request order (all topics when none). */
export class TopicResultsReply {
  items!: TopicResultItem[];
}
