/**
 * Tencent's limits for Community topics (`million_group_open_http_svc`): a topic ID is its
 * group's ID, `@TOPIC#_` and a suffix (generated `@TOPIC#…` or the app's own); texts are bounded
 * in UTF-8 bytes like a group's.
 */
export const TopicLimits = {
  /** What every topic ID has after its group's ID. */
  idInfix: '@TOPIC#_',
  /** The generated suffix starts with it (so a topic ID is `<GroupId>@TOPIC#_@TOPIC#…`). */
  generatedSuffixPrefix: '@TOPIC#',
  /** The custom part after `@TOPIC#_`. */
  customSuffixMaxBytes: 48,
  nameMaxBytes: 150,
  introductionMaxBytes: 400,
  notificationMaxBytes: 400,
  faceUrlMaxBytes: 100,
  customStringMaxBytes: 3000,
  /** Topics of one Community. */
  maxTopicsPerGroup: 100,
  /** IDs in one get_topic / destroy_topic. */
  idListMax: 100,
} as const;

/** Whether a conversation's group ID names a topic (`<GroupId>@TOPIC#_…`). */
export function isTopicId(id: string): boolean {
  return id.includes(TopicLimits.idInfix);
}

/** The Community a topic ID belongs to (the part before `@TOPIC#_`); the ID itself otherwise. */
export function groupIdOfTopic(topicId: string): string {
  const at = topicId.indexOf(TopicLimits.idInfix);
  return at < 0 ? topicId : topicId.slice(0, at);
}
