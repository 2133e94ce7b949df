import { ConversationIds } from '@im/contracts';
import type { AppReply, ChatMessage } from '@im/contracts';
import type { ImChat } from '@im/sdk';
import { waitFor } from '@im/testing';

import {
  checkDelivery,
  countCodes,
  DeliveryResult,
  documentedBusyCodes,
  missingDeliveries,
  ReceiverExpectation,
  undocumentedFailures,
} from './fault-checks';
import type { BreakablePlatform } from './fault-scenario';
import { AckedMessage, loggedInChat, openChat, SdkSender, TrafficLedger } from './fault-traffic';

/** How big the crowd is and how often its members send. */
export interface CrowdLoad {
  /** SDK clients, half on each gateway (even: pairs). */
  clients: number;
  /** Members of each Public group; the first of them sends to it. */
  groupSize: number;
  /** Pause between two C2C messages of one sender (jittered ±50 %). */
  c2cPauseMs: number;
  /** Pause between two messages of a group's sender. */
  groupPauseMs: number;
  /** Clients logging in at once. */
  connectConcurrency: number;
}

/** `npm test`'s crowd: small, so the cluster on CI's two cores keeps its headroom. */
export const SHORT_CROWD: CrowdLoad = {
  clients: 40,
  groupSize: 20,
  c2cPauseMs: 4_000,
  groupPauseMs: 2_000,
  connectConcurrency: 10,
};

/** The acceptance's crowd (issue 17): 2,000 clients, ~100 C2C and ~16 group messages a second. */
export const FULL_CROWD: CrowdLoad = {
  clients: 2_000,
  groupSize: 50,
  c2cPauseMs: 10_000,
  groupPauseMs: 2_500,
  connectConcurrency: 20,
};

/** What the crowd saw while one fault lasted. */
export interface CrowdWindow {
  label: string;
  attempts: number;
  acked: number;
  /** Failed attempts by code. */
  codes: Record<string, number>;
  undocumented: Record<string, number>;
}

/** The crowd's end: every acked message checked at every receiver. */
export interface CrowdResult {
  clients: number;
  groups: number;
  messages: number;
  acked: number;
  attempts: number;
  delivery: DeliveryResult;
  /** Holes in the seqs each receiver got per conversation (a seq taken, never stored). */
  seqGaps: number;
  windows: CrowdWindow[];
}

interface Member {
  userId: string;
  chat: ImChat;
  received: ChatMessage[];
  convIds: string[];
}

/**
 * A crowd member's safety-net sync, the SDK's default: an app syncs now and then, not every
 * two seconds like the scenario's few receivers (2,000 clients at 2 s would be 1,000 syncs a
 * second, more than the cluster's two cores answer while logins go on).
 */
const CROWD_SYNC_INTERVAL_MS = 60_000;

/** Logs one member in (retrying as an app would) and keeps what it receives. */
async function connectMember(app: AppReply, urls: string[], m: Member): Promise<void> {
  m.chat = await loggedInChat(
    () => openChat(app, urls, m.userId, false, CROWD_SYNC_INTERVAL_MS),
    (msg) => m.received.push(msg),
  );
}

/**
 * Background chat for the cluster suite: `clients` SDK users, half connected to each gateway,
 * in pairs that send C2C messages to each other at a slow pace, and in Public groups of
 * `groupSize` whose first member sends to the group, all the while the suite kills one thing
 * after another. Each fault is a window (its attempts and failed attempts by code); at the end
 * every receiver must have got every acknowledged message of its conversations exactly once, in
 * seq order.
 */
export class Crowd {
  private readonly ledger = new TrafficLedger();
  private readonly senders: SdkSender[] = [];
  private readonly windows: CrowdWindow[] = [];
  private readonly busy = documentedBusyCodes();

  private constructor(
    private readonly members: Member[],
    private readonly groups: number,
  ) {}

  static async start(
    platform: BreakablePlatform,
    app: AppReply,
    tag: string,
    load: CrowdLoad,
  ): Promise<Crowd> {
    const admin = platform.admin(app);
    const [gw1, gw2] = platform.wsUrls;
    const ids = Array.from({ length: load.clients }, (_, i) => `${tag}-${i}`);
    for (let i = 0; i < ids.length; i += 100)
      await admin.ok('im_open_login_svc', 'multiaccount_import', {
        Accounts: ids.slice(i, i + 100),
      });
    const groupIds: string[] = [];
    for (let i = 0; i < ids.length; i += load.groupSize) {
      const members = ids.slice(i, i + load.groupSize);
      if (members.length < 2) break;
      const reply = await admin.ok('group_open_http_svc', 'create_group', {
        Type: 'Public',
        Name: `${tag} ${i / load.groupSize}`,
        Owner_Account: members[0],
        MemberList: members.slice(1).map((m) => ({ Member_Account: m })),
      });
      groupIds.push(reply.GroupId as string);
    }

    const members: Member[] = ids.map((userId, i) => {
      const pair = ids[i ^ 1];
      const groupId = groupIds[Math.floor(i / load.groupSize)];
      const convIds = [
        ...(pair ? [ConversationIds.c2c(userId, pair)] : []),
        ...(groupId ? [ConversationIds.group(groupId)] : []),
      ];
      return { userId, chat: undefined as unknown as ImChat, received: [], convIds };
    });
    const crowd = new Crowd(members, groupIds.length);
    try {
      let next = 0;
      const connectNext = async (): Promise<void> => {
        while (next < members.length) {
          const i = next++;
          await connectMember(app, i % 2 ? [gw2, gw1] : [gw1, gw2], members[i]);
        }
      };
      await Promise.all(Array.from({ length: load.connectConcurrency }, connectNext));

      members.forEach((m, i) => {
        const pair = ids[i ^ 1];
        if (i % 2 === 0 && pair) {
          const conv = ConversationIds.c2c(m.userId, pair);
          crowd.add(new SdkSender('sdk-c2c', m.userId, conv, crowd.ledger, m.chat, pair), load);
        }
        const groupId = groupIds[Math.floor(i / load.groupSize)];
        if (i % load.groupSize === 0 && groupId) {
          const conv = ConversationIds.group(groupId);
          crowd.add(
            new SdkSender('sdk-group', m.userId, conv, crowd.ledger, m.chat, groupId),
            load,
          );
        }
      });
      return crowd;
    } catch (err) {
      await crowd.close();
      throw err;
    }
  }

  get clients(): number {
    return this.members.length;
  }

  /** Starts counting a fault's window; the returned function ends it and keeps its figures. */
  openWindow(label: string): () => CrowdWindow {
    const attempts = this.ledger.attempts;
    const acked = this.ledger.acked.length;
    const from = Date.now();
    return () => {
      const failures = this.ledger.failures.filter((f) => f.at >= from);
      const window: CrowdWindow = {
        label,
        attempts: this.ledger.attempts - attempts,
        acked: this.ledger.acked.length - acked,
        codes: countCodes(failures),
        undocumented: countCodes(undocumentedFailures(failures, this.busy)),
      };
      this.windows.push(window);
      return window;
    };
  }

  /** Stops sending, waits for the receivers to catch up and checks every delivery. */
  async finish(deliveryTimeoutMs: number): Promise<CrowdResult> {
    await Promise.all(this.senders.map((s) => s.stop()));
    // As an app coming to the foreground: one sync each, so a push lost near the end is
    // pulled now instead of at the next minute's sync.
    let next = 0;
    const refreshNext = async (): Promise<void> => {
      while (next < this.members.length)
        await this.members[next++].chat.refresh().catch(() => undefined);
    };
    await Promise.all(Array.from({ length: 20 }, refreshNext));
    const acked = this.ledger.acked;
    const byConv = new Map<string, AckedMessage[]>();
    for (const m of acked) {
      const list = byConv.get(m.convId);
      if (list) list.push(m);
      else byConv.set(m.convId, [m]);
    }
    const receivers: ReceiverExpectation[] = this.members.map((m) => ({
      name: m.userId,
      userId: m.userId,
      convIds: m.convIds,
      received: m.received,
      complete: true,
    }));
    const ackedOf = (r: ReceiverExpectation) => r.convIds.flatMap((c) => byConv.get(c) ?? []);
    await waitFor(() => receivers.every((r) => missingDeliveries(ackedOf(r), [r]) === 0), {
      timeoutMs: deliveryTimeoutMs,
      intervalMs: 500,
    }).catch(() => undefined); // what is still missing is counted as lost below
    const delivery = sumDeliveries(receivers.map((r) => checkDelivery(ackedOf(r), [r])));
    return {
      clients: this.members.length,
      groups: this.groups,
      messages: this.ledger.started,
      acked: acked.length,
      attempts: this.ledger.attempts,
      delivery,
      seqGaps: receivers.reduce((sum, r) => sum + seqGaps(r), 0),
      windows: this.windows,
    };
  }

  /** Closes every client (after `finish`, or on a failed start). */
  async close(): Promise<void> {
    for (const s of this.senders) s.abort();
    await Promise.all(this.members.map((m) => m.chat?.close().catch(() => undefined)));
    await Promise.all(this.senders.map((s) => s.stop()));
  }

  private add(sender: SdkSender, load: CrowdLoad): void {
    sender.pauseBetweenMs = sender.kind === 'sdk-c2c' ? load.c2cPauseMs : load.groupPauseMs;
    this.senders.push(sender);
    sender.start();
  }
}

/** Seqs missing between the first and the last a receiver got, per conversation. */
function seqGaps(r: ReceiverExpectation): number {
  const seqs = new Map<string, Set<number>>();
  for (const m of r.received) {
    if (!r.convIds.includes(m.convId)) continue;
    const set = seqs.get(m.convId) ?? new Set<number>();
    set.add(m.seq);
    seqs.set(m.convId, set);
  }
  let gaps = 0;
  for (const set of seqs.values()) {
    const sorted = [...set].sort((a, b) => a - b);
    gaps += sorted[sorted.length - 1] - sorted[0] + 1 - sorted.length;
  }
  return gaps;
}

function sumDeliveries(results: DeliveryResult[]): DeliveryResult {
  const sum: DeliveryResult = {
    lost: 0,
    guestMissed: 0,
    duplicated: 0,
    outOfOrder: 0,
    unexpected: 0,
    senderOrderBroken: 0,
    ackConflicts: 0,
    expected: 0,
    details: [],
  };
  for (const r of results) {
    for (const key of Object.keys(sum) as (keyof DeliveryResult)[]) {
      if (key === 'details') sum.details.push(...r.details.slice(0, 20 - sum.details.length));
      else sum[key] += r[key];
    }
  }
  return sum;
}
