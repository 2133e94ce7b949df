/** The infrastructure part of every service's typed config. */
export interface PlatformConfig {
  /** Service name: queue group, log field, metric label (`account`, `api-gateway`, ...). */
  service: string;
  nodeId: string;
  logLevel: string;
  nats: {
    servers: string[];
    requestTimeoutMs: number;
    /** Requests one instance works on at once (admission control of PlatformNatsServer). */
    maxInFlight: number;
    /** Requests that may wait for a turn; beyond, new ones are answered busy. */
    maxQueued: number;
    /** Longest a request waits for its turn; one expected to wait longer is answered busy. */
    maxQueueWaitMs: number;
    /** Requests this process may have outstanding to one service (NatsBus); more: busy. */
    maxPendingPerService: number;
    streamReplicas: number;
  };
  redis?: RedisConfig;
  db?: {
    url: string;
    poolMax: number;
    migrateOnStart: boolean;
    /** Absolute path of the service's `migrations/` folder. */
    migrationsDir: string;
  };
  ops: { host: string; port: number };
}

/** Where Redis is: one server (`url`), or the primary Sentinel names (`sentinels`). */
export interface RedisConfig {
  /** redis://[:password@]host:port[/db]; with sentinels only its password and db count. */
  url: string;
  /** `host:port` of each Sentinel; the client asks them for the primary and follows failovers. */
  sentinels?: string[];
  /** The name the Sentinels monitor the primary under. */
  sentinelName?: string;
}
