/** What the orchestrator asks a load-generator process (worker.ts) to do; each has an `id`. */
export type WorkerCommand =
  | {
      cmd: 'sdk-connect';
      urls: string[];
      sdkAppId: number;
      secretKey: string;
      userIds: string[];
      concurrency: number;
      timeoutMs: number;
      /** Reconnect right away (5 ms) when asked to by `sdk-drop`/`sdk-restore`. */
      fastReconnect?: boolean;
      /** Log in as guests (live-room viewers) instead of as the users. */
      guest?: boolean;
      /** ImChat's periodic sync (default 0 = off; the SDK's own default is 60 s). */
      syncIntervalMs?: number;
      /** ImChat's automatic send retries (default: the SDK's, 3); 0 shows every answer as is. */
      sendRetries?: number;
      /** ImChat's syncWithMessages (default: the SDK's). */
      syncWithMessages?: number;
    }
  | { cmd: 'sdk-join-room'; groupId: string; concurrency: number; timeoutMs: number }
  | {
      cmd: 'sdk-send';
      tag: string;
      kind: 'c2c' | 'group';
      /** Per sending client (by index in this worker): the peer user or the group. */
      targets: { client: number; to: string }[];
      /** closed: every sender keeps one send in flight; rate: this many sends/s in total. */
      mode: 'closed' | 'rate';
      /** closed: at most this many sends in flight, taking the senders in turn (default: all). */
      window?: number;
      ratePerSec?: number;
      durationMs: number;
      maxCount: number;
    }
  | { cmd: 'collect'; tag: string }
  /** Counts so far, without resetting: deliveries per tag and bare-ws frames. */
  | { cmd: 'peek' }
  | { cmd: 'sdk-drop' }
  | { cmd: 'sdk-restore'; tag: string; expected: number; timeoutMs: number }
  | { cmd: 'sdk-close' }
  | { cmd: 'ws-connect'; url: string; count: number; concurrency: number; timeoutMs: number }
  | { cmd: 'ws-collect' }
  | { cmd: 'ws-close' }
  | {
      cmd: 'nats-load';
      url: string;
      subject: string;
      payload: string;
      mode: 'closed' | 'rate';
      concurrency: number;
      ratePerSec?: number;
      durationMs: number;
      maxCount: number;
    }
  | {
      cmd: 'http-load';
      url: string;
      /** sendmsg: a body per request with a fresh MsgRandom. */
      toAccounts: string[];
      connections: number;
      durationMs: number;
      maxCount: number;
    }
  | {
      cmd: 'room-members';
      natsUrl: string;
      sdkAppId: number;
      groupId: string;
      userIds: string[];
      action: 'join' | 'leave';
      window: number;
      timeoutMs: number;
    }
  | { cmd: 'exit' };

export type WorkerRequest = WorkerCommand & { id: number };

export interface ConnectReply {
  connected: number;
  failed: number;
  firstError?: string;
  ms: number;
}

export interface SendReply {
  sent: number;
  acked: number;
  failed: number;
  firstError?: string;
  startedAt: number;
  endedAt: number;
  /** Send→ack latencies (ms). */
  ackLatencies: number[];
  /** When the last send was answered OK (epoch ms; 0 when none was). */
  lastAckAt: number;
  /** Failed sends by ImError code (-1 timeout, -2 disconnected; `?` not an ImError). */
  errorCodes: Record<string, number>;
  /** Send→answer of the sends refused busy (60018), ms. */
  busyLatencies: number[];
}

export interface CollectReply {
  received: number;
  /** Send→receive latency of every delivery (ms). */
  latencies: number[];
  /** Per message (by sender+time key): sentAt, receive count, first and last receive time. */
  messages: [string, number, number, number, number][];
  firstAt: number;
  lastAt: number;
  /** One raw push frame as received (for the bare-ws baseline). */
  frame?: string;
}

export interface RestoreReply {
  clients: number;
  synced: number;
  /** When each client had its missed messages (epoch ms). */
  doneAt: number[];
  reconnectedAt: number[];
  /** Clients whose messaging layer reported an error (e.g. a failed sync after the login). */
  withErrors: number;
  firstError?: string;
  /** Clients not in sync at the deadline, counted by connection state, messages had, last error. */
  notInSync: Record<string, number>;
  /** Requests the clients made from the restore on, by command. */
  requests: Record<string, number>;
}

export interface WsCollectReply {
  received: number;
  firstAt: number;
  lastAt: number;
}

export interface LoadReply {
  count: number;
  errors: number;
  firstError?: string;
  startedAt: number;
  endedAt: number;
  latencies: number[];
}

export type WorkerReply =
  { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };

export interface PeekReply {
  tags: Record<string, number>;
  ws: number;
}
