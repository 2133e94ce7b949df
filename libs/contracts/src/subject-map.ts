import type { AccountEventMap, AccountRpcMap } from './account';
import type { ConnEventMap } from './conn/conn.subject-map';
import type { ProfileEventMap, ProfileRpcMap } from './profile';
import type { RelationEventMap, RelationRpcMap } from './relation';
import type { GroupEventMap, GroupRpcMap } from './group';
import type { MessageEventMap, MessageRpcMap } from './message';
import type { PushEventMap, PushRpcMap } from './push';
import type { MediaRpcMap } from './media';
import type { CallbackDispatcherEventMap, CallbackDispatcherRpcMap } from './callback-dispatcher';

/** Every request/reply subject with its request and reply type (each owner keeps its part). */
export interface RpcSubjectMap
  extends
    AccountRpcMap,
    ProfileRpcMap,
    RelationRpcMap,
    GroupRpcMap,
    MessageRpcMap,
    PushRpcMap,
    MediaRpcMap,
    CallbackDispatcherRpcMap {}

/** Every event subject with its event type. */
export interface EventSubjectMap
  extends
    AccountEventMap,
    ProfileEventMap,
    RelationEventMap,
    GroupEventMap,
    ConnEventMap,
    MessageEventMap,
    PushEventMap,
    CallbackDispatcherEventMap {}

export type RpcSubject = keyof RpcSubjectMap;
export type EventSubject = keyof EventSubjectMap;
export type RpcRequestOf<S extends RpcSubject> = RpcSubjectMap[S]['request'];
export type RpcReplyOf<S extends RpcSubject> = RpcSubjectMap[S]['reply'];
export type EventOf<S extends EventSubject> = EventSubjectMap[S];

/** JetStream streams, one per owner, over its `evt` subjects. */
export const EventStreams = {
  account: { name: 'ACCOUNT_EVENTS', subjects: ['account.evt.>'] },
  conn: { name: 'CONN_EVENTS', subjects: ['conn.evt.>'] },
  profile: { name: 'PROFILE_EVENTS', subjects: ['profile.evt.>'] },
  relation: { name: 'RELATION_EVENTS', subjects: ['relation.evt.>'] },
  group: { name: 'GROUP_EVENTS', subjects: ['group.evt.>'] },
  message: { name: 'MESSAGE_EVENTS', subjects: ['message.evt.>'] },
  push: { name: 'PUSH_EVENTS', subjects: ['push.evt.>'] },
  callbackDispatcher: {
    name: 'CALLBACK_DISPATCHER_EVENTS',
    subjects: ['callback-dispatcher.evt.>'],
  },
} as const;
