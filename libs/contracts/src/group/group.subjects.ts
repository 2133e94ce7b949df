/** Request/reply subjects served by the group service (queue group `group`). */
export const GroupRpc = {} as const;

/** Facts the group service publishes (JetStream stream `GROUP_EVENTS`). */
export const GroupEvt = {} as const;
