import {
  AccountEvt,
  AccountKickedEvent,
  AccountsDeletedEvent,
  AccountsImportedEvent,
  AppChangedEvent,
  NoSpeakingChangedEvent,
} from './account';
import { ProfileChangedEvent, ProfileEvt } from './profile';
import {
  BlacklistChangedEvent,
  FriendListsChangedEvent,
  FriendProfileChangedEvent,
  FriendRequestCreatedEvent,
  FriendRequestHandledEvent,
  FriendsAddedEvent,
  FriendsDeletedEvent,
  FriendsUpdatedEvent,
  RecommendationsChangedEvent,
  RelationEvt,
} from './relation';
import {
  GroupActivatedEvent,
  GroupAttrChangedEvent,
  GroupCounterChangedEvent,
  MemberBannedEvent,
  MemberUnbannedEvent,
  GroupCreatedEvent,
  GroupDestroyedEvent,
  GroupEvt,
  GroupInfoChangedEvent,
  JoinRequestedEvent,
  JoinRequestHandledEvent,
  MemberInfoChangedEvent,
  MemberJoinedEvent,
  MemberKickedEvent,
  MemberLeftEvent,
  MemberMutedEvent,
  OwnerChangedEvent,
  RoleChangedEvent,
} from './group';
import { ConnEvt, SessionClosedEvent, SessionOpenedEvent } from './conn';
import {
  ConversationReadEvent,
  DirtyWordsChangedEvent,
  MessageEvt,
  MessageRecalledEvent,
  ReceiptsSentEvent,
  ExtensionsChangedEvent,
  MessageSentEvent,
  OfflinePushRequestedEvent,
} from './message';
import { PushEvt, PushTaskFinishedEvent } from './push';
import {
  CallbackDeadLetteredEvent,
  CallbackDispatcherEvt,
  CallbacksTalliedEvent,
} from './callback-dispatcher';
import type { EventOf, EventSubject } from './subject-map';

/**
 * The class of every event subject, for validation on receipt (the platform's durable
 * consumers check each event against it, as the RPC pipe checks requests). A subject added to
 * an `*EventMap` without its class here does not compile.
 */
export const EventClasses = {
  [AccountEvt.Imported]: AccountsImportedEvent,
  [AccountEvt.Deleted]: AccountsDeletedEvent,
  [AccountEvt.Kicked]: AccountKickedEvent,
  [AccountEvt.AppChanged]: AppChangedEvent,
  [AccountEvt.NoSpeakingChanged]: NoSpeakingChangedEvent,
  [ProfileEvt.Changed]: ProfileChangedEvent,
  [RelationEvt.FriendsAdded]: FriendsAddedEvent,
  [RelationEvt.FriendsDeleted]: FriendsDeletedEvent,
  [RelationEvt.FriendsUpdated]: FriendsUpdatedEvent,
  [RelationEvt.FriendRequestCreated]: FriendRequestCreatedEvent,
  [RelationEvt.FriendRequestHandled]: FriendRequestHandledEvent,
  [RelationEvt.BlacklistChanged]: BlacklistChangedEvent,
  [RelationEvt.FriendProfileChanged]: FriendProfileChangedEvent,
  [RelationEvt.FriendListsChanged]: FriendListsChangedEvent,
  [RelationEvt.RecommendationsChanged]: RecommendationsChangedEvent,
  [GroupEvt.Created]: GroupCreatedEvent,
  [GroupEvt.InfoChanged]: GroupInfoChangedEvent,
  [GroupEvt.MemberJoined]: MemberJoinedEvent,
  [GroupEvt.MemberLeft]: MemberLeftEvent,
  [GroupEvt.MemberKicked]: MemberKickedEvent,
  [GroupEvt.RoleChanged]: RoleChangedEvent,
  [GroupEvt.MemberMuted]: MemberMutedEvent,
  [GroupEvt.MemberInfoChanged]: MemberInfoChangedEvent,
  [GroupEvt.OwnerChanged]: OwnerChangedEvent,
  [GroupEvt.Destroyed]: GroupDestroyedEvent,
  [GroupEvt.JoinRequested]: JoinRequestedEvent,
  [GroupEvt.JoinRequestHandled]: JoinRequestHandledEvent,
  [GroupEvt.Activated]: GroupActivatedEvent,
  [GroupEvt.AttrChanged]: GroupAttrChangedEvent,
  [GroupEvt.CounterChanged]: GroupCounterChangedEvent,
  [GroupEvt.MemberBanned]: MemberBannedEvent,
  [GroupEvt.MemberUnbanned]: MemberUnbannedEvent,
  [ConnEvt.SessionOpened]: SessionOpenedEvent,
  [ConnEvt.SessionClosed]: SessionClosedEvent,
  [MessageEvt.Sent]: MessageSentEvent,
  [MessageEvt.OfflinePushRequested]: OfflinePushRequestedEvent,
  [MessageEvt.Recalled]: MessageRecalledEvent,
  [MessageEvt.ReceiptsSent]: ReceiptsSentEvent,
  [MessageEvt.ExtensionsChanged]: ExtensionsChangedEvent,
  [MessageEvt.Read]: ConversationReadEvent,
  [MessageEvt.DirtyWordsChanged]: DirtyWordsChangedEvent,
  [PushEvt.TaskFinished]: PushTaskFinishedEvent,
  [CallbackDispatcherEvt.DeadLettered]: CallbackDeadLetteredEvent,
  [CallbackDispatcherEvt.CallbacksTallied]: CallbacksTalliedEvent,
} as const satisfies { [S in EventSubject]: new () => EventOf<S> };
