import type { Rpc } from '../common';
import type {
  ListAppDeadLettersReply,
  ListAppDeliveriesReply,
  ReplayAppDeadLetterReply,
} from './app-callbacks-page.reply';
import type { AppCallbacksPageRequest } from './app-callbacks-page.request';
import type { AppDeadLetterIdRequest } from './app-dead-letter-id.request';
import type { BeforeCallbackReply } from './before-callback.reply';
import type { BeforeCallbackRequest } from './before-callback.request';
import type { CallbackDeadLetteredEvent } from './callback-dead-lettered.event';
import type { CallbacksTalliedEvent } from './callbacks-tallied.event';
import type { EgressIpsReply } from './egress-ips.reply';
import type { EmptyRequest } from '../message/empty.request';
import { CallbackDispatcherEvt, CallbackDispatcherRpc } from './callback-dispatcher.subjects';
import type { DeadLetterIdsRequest } from './dead-letter-ids.request';
import type { DeadLettersCountReply } from './dead-letters-count.reply';
import type { ListDeadLettersReply } from './list-dead-letters.reply';
import type { ListDeadLettersRequest } from './list-dead-letters.request';

/** The callback-dispatcher service's request/reply subjects with their types. */
export interface CallbackDispatcherRpcMap {
  [CallbackDispatcherRpc.Before]: Rpc<BeforeCallbackRequest, BeforeCallbackReply>;
  [CallbackDispatcherRpc.ListDeadLetters]: Rpc<ListDeadLettersRequest, ListDeadLettersReply>;
  [CallbackDispatcherRpc.ReplayDeadLetters]: Rpc<DeadLetterIdsRequest, DeadLettersCountReply>;
  [CallbackDispatcherRpc.DiscardDeadLetters]: Rpc<DeadLetterIdsRequest, DeadLettersCountReply>;
  [CallbackDispatcherRpc.ListAppDeliveries]: Rpc<AppCallbacksPageRequest, ListAppDeliveriesReply>;
  [CallbackDispatcherRpc.ListAppDeadLetters]: Rpc<AppCallbacksPageRequest, ListAppDeadLettersReply>;
  [CallbackDispatcherRpc.ReplayAppDeadLetter]: Rpc<
    AppDeadLetterIdRequest,
    ReplayAppDeadLetterReply
  >;
  [CallbackDispatcherRpc.GetEgressIps]: Rpc<EmptyRequest, EgressIpsReply>;
}

/** The callback-dispatcher service's events with their types. */
export interface CallbackDispatcherEventMap {
  [CallbackDispatcherEvt.DeadLettered]: CallbackDeadLetteredEvent;
  [CallbackDispatcherEvt.CallbacksTallied]: CallbacksTalliedEvent;
}
