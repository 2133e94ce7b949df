/** Request/reply subjects served by the relation service (queue group `relation`). */
export const RelationRpc = {} as const;

/** Facts the relation service publishes (JetStream stream `RELATION_EVENTS`). */
export const RelationEvt = {} as const;
