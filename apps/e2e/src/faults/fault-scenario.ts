import { ConversationIds } from '@im/contracts';
import type { AppReply, ChatMessage } from '@im/contracts';
import type { ImChat } from '@im/sdk';
import type { RestAdminClient } from '@im/sdk';
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
import {
  loggedInChat,
  openChat,
  RestSender,
  SdkSender,
  Sender,
  TrafficKind,
  TrafficLedger,
} from './fault-traffic';

/** How much traffic a fault runs under (`npm run faults` runs more than `npm test`). */
export interface FaultLoad {
  /** Acks per sender before the kill. */
  warmup: number;
  /** The target stays down until this many send attempts were made since the kill... */
  outageAttempts: number;
  /** ...or this long, whichever comes first. */
  outageMaxMs: number;
  /** Acks per sender after the platform recovered. */
  after: number;
  /** How long the platform may take to serve every kind of traffic again after the restart. */
  recoveryTimeoutMs: number;
  /** How long the receivers may take to catch up at the end. */
  deliveryTimeoutMs: number;
}

export const SHORT_LOAD: FaultLoad = {
  warmup: 5,
  outageAttempts: 30,
  outageMaxMs: 3_000,
  after: 10,
  recoveryTimeoutMs: 60_000,
  deliveryTimeoutMs: 30_000,
};

export const FULL_LOAD: FaultLoad = {
  warmup: 50,
  outageAttempts: 300,
  outageMaxMs: 10_000,
  after: 100,
  recoveryTimeoutMs: 120_000,
  deliveryTimeoutMs: 60_000,
};

/** What a fault scenario breaks: one machine's platform (FaultPlatform) or a cluster's. */
export interface BreakablePlatform {
  /** Two gateways at least; the scenario's devices use the first two. */
  readonly wsUrls: string[];
  admin(app: AppReply): RestAdminClient;
  /** kill -9 of the target; resolves once it is gone. */
  kill(target: string): Promise<void>;
  /** Starts the killed target again; resolves once it is ready. */
  restart(target: string): Promise<void>;
}

/** The figures of one fault. */
export interface FaultResult {
  target: string;
  /** Messages the senders started (each retried until acked). */
  messages: number;
  acked: number;
  attempts: number;
  /** Attempts beyond the first of each message. */
  retries: number;
  /** Failed attempts by code (platform codes, `timeout`, `disconnected`, `http:…`). */
  codes: Record<string, number>;
  /** Codes answered that docs/error-codes.md does not document as busy / retry. */
  undocumented: Record<string, number>;
  /** kill -9 until the restarted target was ready. */
  downtimeMs: number;
  /** From the restarted target being ready until every kind of traffic was acked again. */
  recoveryMs: number | undefined;
  /** Per kind of traffic, ms from the restart until its first ack (absent: none). */
  recoveryByKind: Partial<Record<TrafficKind, number>>;
  /** Kinds of traffic that never got an ack after the restart. */
  notRecovered: TrafficKind[];
  delivery: DeliveryResult;
  /** Sends still unacked when the senders were told to stop (they did not finish). */
  unfinished: number;
}

interface Device {
  name: string;
  userId?: string;
  chat: ImChat;
  received: ChatMessage[];
}

const KINDS: readonly TrafficKind[] = [
  'sdk-c2c',
  'sdk-group',
  'sdk-room',
  'rest-c2c',
  'rest-group',
  'rest-room',
];

/**
 * One fault: fresh users, a group and a live room; six senders (SDK and REST; C2C, group and
 * room) and three receivers (two users on different gateways, a guest in the room); warm-up
 * traffic; kill -9 of the target; it stays down while the senders keep trying; restart; the
 * time until every kind of traffic is acked again; more traffic; then every receiver is
 * checked for exactly-once, in-order delivery of every acked message.
 */
export async function runFault(
  platform: BreakablePlatform,
  app: AppReply,
  target: string,
  tag: string,
  load: FaultLoad,
): Promise<FaultResult> {
  const admin = platform.admin(app);
  const [gw1, gw2] = platform.wsUrls;
  const user = (role: string) => `${tag}-${role}`;
  const ids = ['sc', 'sg', 'sr', 'rc', 'rg', 'rr', 'r1', 'r2'].map(user);
  await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
  const group = (
    await admin.ok('group_open_http_svc', 'create_group', {
      Type: 'Public',
      Name: `${tag} group`,
      Owner_Account: user('sg'),
      MemberList: ['rg', 'r1', 'r2'].map((r) => ({ Member_Account: user(r) })),
    })
  ).GroupId as string;
  const room = (
    await admin.ok('group_open_http_svc', 'create_group', {
      Type: 'AVChatRoom',
      Name: `${tag} room`,
      Owner_Account: user('sr'),
    })
  ).GroupId as string;

  const devices: Device[] = [];
  const device = async (name: string, urls: string[], guest = false): Promise<Device> => {
    const userId = guest ? undefined : user(name);
    const received: ChatMessage[] = [];
    const chat = await loggedInChat(
      () => openChat(app, urls, user(name), guest),
      (m) => received.push(m),
    );
    const d: Device = { name, userId, chat, received };
    devices.push(d);
    return d;
  };
  const ledger = new TrafficLedger();
  let senders: Sender[] = [];
  try {
    // the killed gateway is conn-gateway-2: a sender and two receivers start there
    const [sc, sg, sr, r1, r2, guest] = await Promise.all([
      device('sc', [gw2, gw1]),
      device('sg', [gw1, gw2]),
      device('sr', [gw1, gw2]),
      device('r1', [gw2, gw1]),
      device('r2', [gw1, gw2]),
      device('guest', [gw2, gw1], true),
    ]);
    for (const d of [sr, r1, r2, guest]) await d.chat.joinRoom(room);

    const c2c = (from: string) => ConversationIds.c2c(user(from), user('r1'));
    const groupConv = ConversationIds.group(group);
    const roomConv = ConversationIds.group(room);
    senders = [
      new SdkSender('sdk-c2c', user('sc'), c2c('sc'), ledger, sc.chat, user('r1')),
      new SdkSender('sdk-group', user('sg'), groupConv, ledger, sg.chat, group),
      new SdkSender('sdk-room', user('sr'), roomConv, ledger, sr.chat, room),
      new RestSender('rest-c2c', user('rc'), c2c('rc'), ledger, admin, user('r1')),
      new RestSender('rest-group', user('rg'), groupConv, ledger, admin, group),
      new RestSender('rest-room', user('rr'), roomConv, ledger, admin, room),
    ];
    const receivers: ReceiverExpectation[] = [
      { ...r1, convIds: [c2c('sc'), c2c('rc'), groupConv, roomConv], complete: true },
      { ...r2, convIds: [groupConv, roomConv], complete: true },
      { ...guest, convIds: [roomConv], complete: false },
    ];
    const everyoneAcked = (n: number, since = 0) =>
      senders.every((s) => ledger.ackedSince(s.kind, since).length >= n);

    for (const s of senders) s.start();
    await waitFor(() => everyoneAcked(load.warmup), { timeoutMs: 60_000, message: 'warm-up' });

    const killedAt = Date.now();
    await platform.kill(target);
    const attemptsAtKill = ledger.attempts;
    await waitFor(() => ledger.attempts - attemptsAtKill >= load.outageAttempts, {
      timeoutMs: load.outageMaxMs,
      intervalMs: 50,
    }).catch(() => undefined); // down for the longest allowed: enough
    await platform.restart(target);
    const readyAt = Date.now();

    await waitFor(() => everyoneAcked(1, readyAt), {
      timeoutMs: load.recoveryTimeoutMs,
      intervalMs: 20,
    }).catch(() => undefined);
    const firstAcks = senders.map((s) => ledger.ackedSince(s.kind, readyAt)[0]?.ackedAt);
    const notRecovered = senders.filter((_, i) => firstAcks[i] === undefined).map((s) => s.kind);
    const recoveryMs = notRecovered.length
      ? undefined
      : Math.max(...firstAcks.map((t) => (t ?? readyAt) - readyAt));

    if (!notRecovered.length)
      await waitFor(() => everyoneAcked(load.after, readyAt), {
        timeoutMs: load.recoveryTimeoutMs,
        message: 'traffic after the restart',
      });
    const stopped = await Promise.race([
      Promise.all(senders.map((s) => s.stop())).then(() => true),
      pause(load.recoveryTimeoutMs).then(() => false),
    ]);
    const unfinished = stopped ? 0 : ledger.started - ledger.acked.length;

    await waitFor(() => missingDeliveries(ledger.acked, receivers) === 0, {
      timeoutMs: load.deliveryTimeoutMs,
      intervalMs: 100,
    }).catch(() => undefined); // what is still missing is counted as lost below
    const delivery = checkDelivery(ledger.acked, receivers);
    const busy = documentedBusyCodes();
    return {
      target,
      messages: ledger.started,
      acked: ledger.acked.length,
      attempts: ledger.attempts,
      retries: ledger.attempts - ledger.started,
      codes: countCodes(ledger.failures),
      undocumented: countCodes(undocumentedFailures(ledger.failures, busy)),
      downtimeMs: readyAt - killedAt,
      recoveryMs,
      recoveryByKind: Object.fromEntries(
        senders.flatMap((sender, i) => {
          const at = firstAcks[i];
          return at === undefined ? [] : [[sender.kind, at - readyAt]];
        }),
      ),
      notRecovered,
      delivery,
      unfinished,
    };
  } finally {
    for (const s of senders) s.abort();
    await Promise.all(devices.map((d) => d.chat.close().catch(() => undefined)));
    await Promise.all(senders.map((s) => s.stop()));
  }
}

export { KINDS };

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
}
