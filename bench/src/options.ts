/** Counts and durations of one bench run; `--quick` shrinks everything for a smoke run. */
export interface BenchOptions {
  quick: boolean;
  /** Load-generator processes (each holds at most ~19k sockets). */
  workers: number;
  gateways: number;
  c2cClients: number;
  c2cThroughputMs: number;
  /** Sends in flight at once in the throughput run (over all senders). */
  c2cWindow: number;
  c2cLatencyRate: number;
  c2cLatencyMs: number;
  /** `c2c-load-curve`: the window of each offered-load step. */
  loadCurveStepMs: number;
  groupMembers: number;
  groupRate: number;
  groupSenders: number;
  groupMs: number;
  roomMembers: number;
  /** The live room's viewers connect to every gateway process, not only the first. */
  roomSpread?: boolean;
  /**
   * ImChat `syncWithMessages` of the reconnect storm's clients (`--sync-with-messages N`;
   * 0 = the sync answers no messages and every hole is pulled). Default: the SDK's.
   */
  syncWithMessages?: number;
  roomRounds: number;
  stormClients: number;
  stormMissed: number;
  restMs: number;
  restConnections: number;
  bigRoomMembers: number;
  connectTimeoutMs: number;
  /** `media-uploads`: uploads started at once and the bytes of each. */
  mediaUploads: number;
  mediaUploadBytes: number;
  /** Scenarios to run (default: all). */
  only?: string[];
}

export const SCENARIO_IDS = [
  'rest-edge',
  'c2c-throughput',
  'c2c-latency',
  'c2c-load-curve',
  'group-chat',
  'live-room',
  'idle-connections',
  'reconnect-storm',
  'big-room-members',
  'media-uploads',
  'cluster-c2c',
] as const;

export function benchOptions(quick: boolean, cores: number): BenchOptions {
  if (quick)
    return {
      quick,
      workers: 2,
      gateways: cores,
      c2cClients: 100,
      c2cThroughputMs: 3000,
      c2cWindow: 50,
      c2cLatencyRate: 100,
      c2cLatencyMs: 3000,
      loadCurveStepMs: 2000,
      groupMembers: 50,
      groupRate: 20,
      groupSenders: 5,
      groupMs: 3000,
      roomMembers: 300,
      roomRounds: 2,
      stormClients: 200,
      stormMissed: 20,
      restMs: 3000,
      restConnections: 16,
      bigRoomMembers: 1000,
      connectTimeoutMs: 60_000,
      mediaUploads: 10,
      mediaUploadBytes: 10_000_000,
    };
  return {
    quick,
    workers: 2,
    gateways: cores,
    c2cClients: 2000,
    c2cThroughputMs: 20_000,
    c2cWindow: 200,
    c2cLatencyRate: 1000,
    c2cLatencyMs: 15_000,
    loadCurveStepMs: 15_000,
    groupMembers: 500,
    groupRate: 50,
    groupSenders: 10,
    groupMs: 20_000,
    roomMembers: 15_000,
    roomRounds: 5,
    stormClients: 10_000,
    stormMissed: 20,
    restMs: 15_000,
    restConnections: 64,
    bigRoomMembers: 100_000,
    connectTimeoutMs: 300_000,
    mediaUploads: 10,
    mediaUploadBytes: 100_000_000,
  };
}
