import type {
  AfterCallbackBody,
  AfterCallbackCommand,
  CallbackMemberAccount,
  CallerRole,
  EventOf,
  EventSubject,
  OptPlatform,
  Platform,
} from '@im/contracts';

import type { DirectlyMappedSubject } from './after-callback-subjects.rules';

/** Who caused an event, from the request context it was published with. */
export interface EventOrigin {
  role?: CallerRole;
  callerId?: string;
}

/** One after-callback an event produces. */
export interface AfterCallback {
  command: AfterCallbackCommand;
  body: AfterCallbackBody;
  platform: OptPlatform;
  clientIp: string;
}

/** Maps one event to the after-callbacks it produces (none when the spec fires none for it). */
export type Mapper<S extends EventSubject> = (
  event: EventOf<S>,
  origin: EventOrigin,
) => AfterCallback[];

/** One mapper for each of the subjects `S`: a subject left out does not compile. */
export type MapperTable<S extends EventSubject> = { [K in S]: Mapper<K> };

/** The mappers of every reported subject an owner publishes (`<owner>.evt.*`). */
export type FamilyMappers<Owner extends string> = MapperTable<
  Extract<DirectlyMappedSubject, `${Owner}.evt.${string}`>
>;

/** The body type of a command (a body type may serve several commands). */
export type BodyOf<C extends AfterCallbackCommand> = AfterCallbackBody extends infer B
  ? B extends { CallbackCommand: infer K }
    ? C extends K
      ? B
      : never
    : never
  : never;

/** What a body carries between its leading `CallbackCommand` and its trailing `EventTime`. */
export type BodyFields<C extends AfterCallbackCommand> = Omit<
  BodyOf<C>,
  'CallbackCommand' | 'EventTime'
>;

/** The milliseconds of an event's `occurredAt` (callback `EventTime`). */
export function eventTimeMs(occurredAt: string): number {
  const ms = Date.parse(occurredAt);
  return Number.isFinite(ms) ? ms : Date.now();
}

/** `OptPlatform` of an event: `RESTAPI` when the App admin caused it through REST. */
export function platformOf(origin: EventOrigin): OptPlatform {
  return origin.role === 'admin' ? 'RESTAPI' : 'Unknown';
}

/** `OptPlatform` of a client platform (docs/rest-api.md §2.7 names); `IOS` only for StateChange. */
export function optPlatformOf(platform: Platform, forStateChange = false): OptPlatform {
  switch (platform) {
    case 'iPhone':
      return forStateChange ? 'IOS' : 'iOS';
    case 'Android':
      return 'Android';
    case 'Web':
      return 'Web';
    case 'PC':
      return 'Windows';
    case 'iPad':
      return 'iPad';
    case 'Mac':
      return 'Mac';
  }
}

/** A `*MemberList` of user IDs. */
export const members = (userIds: readonly string[]): CallbackMemberAccount[] =>
  userIds.map((userId) => ({ Member_Account: userId }));

/** The App admin's identifier when the admin caused the event, else ''. */
export const adminOf = (origin: EventOrigin): string =>
  origin.role === 'admin' ? (origin.callerId ?? '') : '';

/**
 * Fields the owners are asked to add to their events (see the README): read when present so
 * the callbacks fill in by themselves once they are published.
 */
export interface PendingEventFields {
  /** relation.evt.friend-added: who asked for the friendship, and ForceAddFlags. */
  initiatorId?: string;
  force?: boolean;
  /** group.evt.created: the custom data given at creation. */
  customData?: { key: string; value: string }[];
  /** group.evt.destroyed: the owner at dismissal. */
  ownerId?: string | null;
  /** group.evt.member-info-changed: the new NameCard. */
  nameCard?: string;
  /** message events: the group's type, online-only, the peer's unread count. */
  groupType?: string;
  onlineOnly?: boolean;
  unreadCount?: number;
  /** message.evt.recalled (C2C): the recalled message. */
  msgKey?: string;
  from?: string;
  to?: string;
}

export function pending(...sources: object[]): PendingEventFields {
  return Object.assign({}, ...sources) as PendingEventFields;
}

/** An after-callback with a body built by the caller, sent from `platform`. */
export function afterCallback(
  command: AfterCallbackCommand,
  body: AfterCallbackBody,
  platform: OptPlatform,
): AfterCallback {
  return { command, body, platform, clientIp: '' };
}

/**
 * The after-callback of an event `origin` caused: its body is `CallbackCommand`, then
 * `fields` in their order, then the event's `EventTime` (the order bodies go on the wire in).
 */
export function reported<C extends AfterCallbackCommand>(
  command: C,
  { occurredAt }: { occurredAt: string },
  origin: EventOrigin,
  fields: BodyFields<C>,
): AfterCallback {
  // `BodyOf<C>` split into its parts: TypeScript cannot join a generic `Omit` back together.
  const body: object = { CallbackCommand: command, ...fields, EventTime: eventTimeMs(occurredAt) };
  return afterCallback(command, body as AfterCallbackBody, platformOf(origin));
}
