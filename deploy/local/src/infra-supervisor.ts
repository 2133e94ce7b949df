import { setTimeout as sleep } from 'node:timers/promises';

import type { LocalServerName, LocalServers, ServerHandle } from '@im/testing';

/** What the supervisor reports, one JSON line each (no URLs: they carry passwords). */
export interface SupervisionEvent {
  event: 'server-exited' | 'server-restarted' | 'server-restart-failed' | 'server-given-up';
  server: string;
  [field: string]: string | number | null;
}

export interface RestartPolicy {
  /** Restarts of one server allowed within `windowMs` before the launcher gives up. */
  maxRestarts: number;
  windowMs: number;
  /** Failed starts in a row (port still held, recovery failed) before giving up. */
  maxAttempts: number;
  /** Wait before start attempt `n` (1-based). */
  backoffMs(attempt: number): number;
}

/** 0.25 s, 0.5 s, 1 s, ... up to 8 s between attempts; 5 restarts a minute; 10 tries. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxRestarts: 5,
  windowMs: 60_000,
  maxAttempts: 10,
  backoffMs: (attempt) => Math.min(8_000, 250 * 2 ** (attempt - 1)),
};

/** The servers' names as the operator knows them. */
export const SERVER_LABELS: Record<LocalServerName, string> = {
  nats: 'nats-server',
  redis: 'redis-server',
  postgres: 'postgres',
};

const NAMES: LocalServerName[] = ['nats', 'redis', 'postgres'];

/** The restarts within the window before `now`, oldest first (pure, for the rate bound). */
export function recentRestarts(times: readonly number[], now: number, windowMs: number): number[] {
  return times.filter((t) => now - t < windowMs);
}

/**
 * Watches nats-server, redis-server and postgres under `npm start` and starts one again when
 * it exits (a crash, `kill -9`, the OOM killer): same port, data and password (the services'
 * clients reconnect to the same URL by themselves), after a growing wait, at most
 * `maxRestarts` a window; past that, or after `maxAttempts` failed starts in a row, it calls
 * `onFatal` and the launcher stops everything rather than run without a server.
 */
export class InfraSupervisor {
  private readonly restarts = new Map<LocalServerName, number[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly servers: LocalServers,
    private readonly report: (event: SupervisionEvent) => void,
    private readonly onFatal: (err: Error) => void,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {}

  start(): void {
    for (const name of NAMES) this.watch(name, this.servers[name]);
  }

  /** No more restarts; resolves once a restart under way has finished (its server is current). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private watch(name: LocalServerName, handle: ServerHandle): void {
    void handle.exited.then((exit) => {
      if (this.stopping || this.servers[name] !== handle) return;
      const run = this.restart(name, handle, exit).catch((err: Error) => this.onFatal(err));
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    });
  }

  private async restart(
    name: LocalServerName,
    handle: ServerHandle,
    exit: { code: number | null; signal: NodeJS.Signals | null },
  ): Promise<void> {
    const server = SERVER_LABELS[name];
    const downAt = Date.now();
    this.report({
      event: 'server-exited',
      server,
      pid: handle.pid,
      port: handle.port,
      code: exit.code,
      signal: exit.signal,
    });
    const recent = recentRestarts(this.restarts.get(name) ?? [], downAt, this.policy.windowMs);
    if (recent.length >= this.policy.maxRestarts) {
      this.report({ event: 'server-given-up', server, restartsInWindow: recent.length });
      throw new Error(
        `${server} exited ${recent.length + 1} times within ${this.policy.windowMs / 1000} s; see ${handle.logFile}`,
      );
    }
    this.restarts.set(name, [...recent, downAt]);
    for (let attempt = 1; ; attempt++) {
      await sleep(this.policy.backoffMs(attempt));
      if (this.stopping) return;
      try {
        const next = await this.servers.restart(name);
        this.report({
          event: 'server-restarted',
          server,
          pid: next.pid,
          port: next.port,
          attempt,
          downMs: Date.now() - downAt,
        });
        this.watch(name, next);
        return;
      } catch (err) {
        // the first line only: the rest is the server's log tail
        const reason = (err as Error).message.split('\n')[0] ?? '';
        this.report({ event: 'server-restart-failed', server, attempt, reason });
        if (attempt >= this.policy.maxAttempts) {
          this.report({ event: 'server-given-up', server, attempts: attempt });
          throw new Error(`${server} did not start again after ${attempt} attempts: ${reason}`);
        }
      }
    }
  }
}
