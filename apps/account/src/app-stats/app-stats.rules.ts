import {
  AppStatFields,
  CallbackDispatcherEvt,
  ConnEvt,
  GroupEvt,
  MessageEvt,
  RelationEvt,
} from '@im/contracts';
import type { AppStatField, AppStatsDay, EventOf } from '@im/contracts';

/** The events statistics are counted from (docs/app-stats.md). */
export const StatsSubjects = {
  conn: [ConnEvt.SessionOpened, ConnEvt.SessionClosed],
  message: [MessageEvt.Sent, MessageEvt.OfflinePushRequested],
  relation: [RelationEvt.FriendsAdded, RelationEvt.FriendsDeleted],
  group: [
    GroupEvt.Created,
    GroupEvt.Destroyed,
    GroupEvt.MemberJoined,
    GroupEvt.MemberLeft,
    GroupEvt.MemberKicked,
  ],
  callbacks: [CallbackDispatcherEvt.CallbacksTallied],
} as const;
export type StatsEventSubject = (typeof StatsSubjects)[keyof typeof StatsSubjects][number];

/** What one event adds to its day: counters, and members of distinct counts. */
export interface StatsDelta {
  /** The UTC day, `YYYY-MM-DD` (a PostgreSQL date). */
  day: string;
  counts: Partial<Record<AppStatField, number>>;
  distinct: { field: AppStatField; member: string }[];
  /** A session opened or closed: the online gauge changes. */
  online?: { opened: boolean; connId: string; userId: string };
}

/** Join kinds that are not someone joining a group: creation and imports of old members. */
const NOT_JOINING = new Set(['created', 'imported']);

/** The UTC day of an ISO time, `YYYY-MM-DD`. */
export function utcDay(iso: string | Date): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** `YYYYMMDD` → `YYYY-MM-DD`. */
export function fromCompactDay(day: string): string {
  return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
}

/** The last `count` UTC days ending with the day of `now`, oldest first, `YYYY-MM-DD`. */
export function lastDays(now: Date, count: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) =>
    utcDay(new Date(today - (count - 1 - i) * 86_400_000)),
  );
}

/** What an event adds to the statistics of its app (undefined: nothing). */
export function statsDelta<S extends StatsEventSubject>(
  subject: S,
  event: EventOf<S>,
): StatsDelta | undefined {
  const day = utcDay(event.occurredAt);
  const delta = (counts: StatsDelta['counts'], distinct: StatsDelta['distinct'] = []) => ({
    day,
    counts,
    distinct,
  });
  switch (subject) {
    case ConnEvt.SessionOpened: {
      const e = event as EventOf<typeof ConnEvt.SessionOpened>;
      return {
        ...delta({ LoginTimes: 1 }, [
          { field: 'LoginUserNum', member: e.userId },
          { field: 'ActiveUserNum', member: e.userId },
        ]),
        online: { opened: true, connId: e.connId, userId: e.userId },
      };
    }
    case ConnEvt.SessionClosed: {
      const e = event as EventOf<typeof ConnEvt.SessionClosed>;
      return { ...delta({}), online: { opened: false, connId: e.connId, userId: e.userId } };
    }
    case MessageEvt.Sent:
      return messageDelta(day, event as EventOf<typeof MessageEvt.Sent>);
    case MessageEvt.OfflinePushRequested: {
      const e = event as EventOf<typeof MessageEvt.OfflinePushRequested>;
      const n = e.userIds.length;
      return e.message.type === 'C2C'
        ? delta({ APNSMsgNum: n, C2CAPNSMsgNum: n })
        : delta({ APNSMsgNum: n, GroupAPNSMsgNum: n });
    }
    case RelationEvt.FriendsAdded:
      return delta({
        ChainIncrease: (event as EventOf<typeof RelationEvt.FriendsAdded>).friendIds.length,
      });
    case RelationEvt.FriendsDeleted:
      return delta({
        ChainDecrease: (event as EventOf<typeof RelationEvt.FriendsDeleted>).friendIds.length,
      });
    default:
      return groupOrCallbackDelta(subject, event, delta);
  }
}

function groupOrCallbackDelta<S extends StatsEventSubject>(
  subject: S,
  event: EventOf<S>,
  delta: (counts: StatsDelta['counts']) => StatsDelta,
): StatsDelta | undefined {
  switch (subject) {
    case GroupEvt.Created:
      return delta({ GroupNewGroupNum: 1 });
    case GroupEvt.Destroyed:
      return delta({ GroupDestroyGroupNum: 1 });
    case GroupEvt.MemberJoined: {
      const e = event as EventOf<typeof GroupEvt.MemberJoined>;
      return NOT_JOINING.has(e.joinKind)
        ? undefined
        : delta({ GroupJoinGroupTimes: e.userIds.length });
    }
    case GroupEvt.MemberLeft:
    case GroupEvt.MemberKicked: {
      const e = event as EventOf<typeof GroupEvt.MemberLeft>;
      return delta({ GroupQuitGroupTimes: e.userIds.length });
    }
    case CallbackDispatcherEvt.CallbacksTallied: {
      const e = event as EventOf<typeof CallbackDispatcherEvt.CallbacksTallied>;
      return {
        day: fromCompactDay(e.day),
        counts: { CallBackReq: e.sent, CallBackRsp: e.answered },
        distinct: [],
      };
    }
    default:
      return undefined;
  }
}

/**
 * A stored message: one up message; down messages are its receivers (C2C one, a group's
 * members but the sender as the message service counted them); the sender is active and a
 * sender, the group one that had messages. Messages sent as nobody (a group system message
 * without `From_Account`) count no sender.
 */
function messageDelta(day: string, event: EventOf<typeof MessageEvt.Sent>): StatsDelta {
  const { message } = event;
  const c2c = message.type === 'C2C';
  const down = c2c ? 1 : (event.recipients ?? 0);
  const counts: StatsDelta['counts'] = c2c
    ? { UpMsgNum: 1, C2CUpMsgNum: 1, DownMsgNum: down, C2CDownMsgNum: down }
    : { UpMsgNum: 1, GroupUpMsgNum: 1, DownMsgNum: down, GroupDownMsgNum: down };
  const distinct: StatsDelta['distinct'] = [];
  if (message.from) {
    distinct.push(
      { field: 'ActiveUserNum', member: message.from },
      { field: 'SendMsgUserNum', member: message.from },
      { field: c2c ? 'C2CSendMsgUserNum' : 'GroupSendMsgUserNum', member: message.from },
    );
  }
  if (!c2c) distinct.push({ field: 'GroupSendMsgGroupNum', member: message.to });
  return { day, counts, distinct };
}

/** Stored counters of an app: day (`YYYY-MM-DD`) → field → value. */
export type StoredCounters = Map<string, Partial<Record<AppStatField, number>>>;

/** What is derived at read time rather than counted. */
export interface DerivedTotals {
  /** Accounts created per day (those that still exist), and before the first day. */
  registeredPerDay: Map<string, number>;
  registeredBefore: number;
  /** Groups that exist now. */
  groupsNow: number;
}

/**
 * The days of the report, oldest first: every day present (zeros when nothing happened);
 * `RegistUserNumTotal` the accounts at the end of the day; `GroupAllGroupNum` the groups at
 * the end of the day, counted back from now through the days' creations and dismissals.
 */
export function assembleDays(
  days: readonly string[],
  stored: StoredCounters,
  totals: DerivedTotals,
): AppStatsDay[] {
  let registered = totals.registeredBefore;
  const result = days.map((day) => {
    const values = Object.fromEntries(AppStatFields.map((f) => [f, 0])) as Record<
      AppStatField,
      number
    >;
    Object.assign(values, stored.get(day) ?? {});
    values.RegistUserNumOneDay = totals.registeredPerDay.get(day) ?? 0;
    registered += values.RegistUserNumOneDay;
    values.RegistUserNumTotal = registered;
    return { date: day.replaceAll('-', ''), values };
  });
  let groups = totals.groupsNow;
  for (let i = result.length - 1; i >= 0; i--) {
    const values = result[i].values;
    values.GroupAllGroupNum = Math.max(0, groups);
    groups -= values.GroupNewGroupNum - values.GroupDestroyGroupNum;
  }
  return result;
}
