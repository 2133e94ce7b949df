/** A running server started by the harness. */
export interface ServerHandle {
  /**
   * Connection URL with the admin's credentials: nats://operator:…@127.0.0.1:P,
   * redis://:…@127.0.0.1:P, postgres://postgres:…@127.0.0.1:P/postgres. Secret: never log it.
   */
  url: string;
  port: number;
  pid: number;
  /** The server's own folder (data, log file). */
  dataDir: string;
  /** stdout and stderr of the server, appended across restarts. */
  logFile: string;
  /** Resolves when the server's process exits, whoever ended it (a crash, `kill -9`, `stop()`). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the server (graceful signal, then SIGKILL after a timeout); resolves once it exited. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** The server's folder; created when missing. */
  dataDir: string;
  /** 0 or undefined: a free port on 127.0.0.1. */
  port?: number;
  /**
   * true: keep data across restarts with the usual durability (launcher).
   * false: throwaway data tuned for speed (tests).
   */
  persistent?: boolean;
  /**
   * The admin's password (nats-server operator, redis-server `requirepass`, the postgres
   * superuser); a new random one when absent. Each server refuses clients without it.
   */
  password?: string;
  /** How long to wait for the server to answer; default 20 s. */
  startupTimeoutMs?: number;
}

export const DEFAULT_STARTUP_TIMEOUT_MS = 20_000;
