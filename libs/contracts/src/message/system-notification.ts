/**
 * A system notification (push `notify`, and what `message.rpc.get-notifications` returns):
 * group, relation and profile facts told to the users they concern (MSG-25).
 */
export interface SystemNotification {
  /** Increasing per user (not gap-free); pull with `afterId` = the last one held. */
  id: number;
  /**
   * What happened: the fact's subject without `.evt.` (`group.member-joined`,
   * `relation.friend-added`, `profile.changed`, ...), or `group.system` for
   * send_group_system_notification.
   */
  kind: string;
  /** UNIX seconds. */
  time: number;
  /** The fact's fields (without the event envelope); `group.system`: `{groupId, content}`. */
  data: Record<string, unknown>;
}
