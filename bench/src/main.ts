import { cpSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import WebSocket from 'ws';

import { ImChat, ImClient, RestAdminClient } from '@im/sdk';
import type { SocketLike } from '@im/sdk';
import {
  createTempDir,
  findFreePort,
  findRepoRoot,
  PlatformApps,
  PLATFORM_SERVICES,
  startClusterServers,
  startLocalServers,
  startPlatform,
} from '@im/testing';
import type { InfraUrls, RunningPlatform } from '@im/testing';
import { signUserSig } from '@im/usersig';

import { clusterC2c } from './cluster';
import { summarizeProfileDir } from './cpu-profile';
import { benchOptions, SCENARIO_IDS } from './options';
import { inspectArg } from './heap';
import { machineInfo, PgSampler, UsageProbe } from './probes';
import { BaselineServer, LoadWorker } from './processes';
import { BenchReport, cpuCostHeadline, headlineTable, ScenarioResult, writeReport } from './report';
import { mediaUploads } from './media';
import { soak } from './soak';
import {
  BenchContext,
  bigRoomMembers,
  c2cLoadCurve,
  c2cScenarios,
  groupChat,
  liveRoom,
  reconnectStorm,
  restEdge,
} from './scenarios';

const TITLES: Record<(typeof SCENARIO_IDS)[number], { title: string; target: string }> = {
  'rest-edge': { title: 'REST edge', target: '≥ 3,000 req/s' },
  'c2c-throughput': { title: 'C2C throughput', target: '≥ 3,000 msg/s' },
  'c2c-latency': { title: 'C2C latency', target: 'p99 ≤ 50 ms at 1,000 msg/s' },
  'c2c-load-curve': {
    title: 'C2C latency versus offered load',
    target: 'p99 of answered sends under 1 s at 150 % of capacity',
  },
  'group-chat': { title: 'Group chat', target: 'p99 ≤ 100 ms' },
  'live-room': { title: 'Live-room fan-out', target: '≥ 80 % of bare ws' },
  'idle-connections': { title: 'Idle connections', target: '≤ 10 KB per connection' },
  'reconnect-storm': { title: 'Reconnect storm', target: 'report' },
  'big-room-members': {
    title: 'AVChatRoom 100k members (join/leave)',
    target: 'report',
  },
  'media-uploads': {
    title: 'Media uploads at once (memory)',
    target: 'report (media RSS flat)',
  },
  'cluster-c2c': {
    title: 'Cluster: C2C throughput, 2 vs 1 message instances',
    target: 'report (no errors with 2)',
  },
};

/**
 * `npm run bench [-- --quick] [--out DIR] [--only a,b] [--room-spread] [--room-members N]
 * [--soak [--soak-minutes 30] [--soak-window-seconds 60] [--soak-rate N]] [--cluster]`: starts
 * nats-server, redis-server and postgres (with `--cluster`: the cluster topology of
 * `npm start -- --cluster`, two processes of every service) in a temp dir and every service as the launcher does (one conn-gateway per core),
 * drives it from forked load generators, runs each scenario's baseline in the same run, and
 * writes report.md, report.html (inline SVG charts) and results.json.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      // live room across every conn-gateway process (issue 5's acceptance) instead of one
      'room-spread': { type: 'boolean', default: false },
      'room-members': { type: 'string' },
      // reconnect-storm: the SDK's syncWithMessages (0 = sync then pull, the old way)
      'sync-with-messages': { type: 'string' },
      // a long run at half the measured C2C capacity: memory and errors over time
      soak: { type: 'boolean', default: false },
      'soak-minutes': { type: 'string' },
      'soak-window-seconds': { type: 'string' },
      'soak-rate': { type: 'string' },
      // the cluster topology; runs cluster-c2c (1 vs 2 message instances) unless --only says
      cluster: { type: 'boolean', default: false },
    },
  });
  const started = Date.now();
  const machine = machineInfo();
  const options = benchOptions(values.quick ?? false, machine.cores);
  options.roomSpread = values['room-spread'] ?? false;
  if (values['room-members']) options.roomMembers = Number(values['room-members']);
  if (values['sync-with-messages'] !== undefined)
    options.syncWithMessages = Number(values['sync-with-messages']);
  const soaking = values.soak ?? false;
  const clustered = values.cluster ?? false;
  // a soak measures the capacity it runs at half of first (unless given a rate)
  const only =
    values.only?.split(',').map((s) => s.trim()) ??
    (soaking
      ? values['soak-rate']
        ? []
        : ['c2c-throughput']
      : clustered
        ? ['cluster-c2c']
        : undefined);
  // cluster-c2c needs the cluster topology: only with --cluster (or named by --only)
  const wanted = (id: string) => (only ? only.includes(id) : id !== 'cluster-c2c');
  const repoRoot = findRepoRoot(__dirname);
  const stamp = machine.startedAt.replace(/[:.]/g, '-');
  const outDir = values.out
    ? path.resolve(values.out)
    : path.join(repoRoot, 'bench', 'results', stamp);
  const log = (line: string) =>
    process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
  log(
    `${options.quick ? 'quick' : 'full'} run on ${machine.cores} cores, ${machine.memoryGiB} GiB, load ${machine.loadAverage.join(' ')}`,
  );

  const dir = await createTempDir();
  let servers: { stop(): Promise<void> } | undefined;
  let platform: RunningPlatform | undefined;
  let echo: BaselineServer | undefined;
  let workers: LoadWorker[] = [];
  let host: ImClient | undefined;
  let pg: PgSampler | undefined;
  /** The measured load windows (CPU profiles are summarised over these only). */
  let probeWindows: [number, number][] | undefined;
  const results: ScenarioResult[] = [];
  let failed = false;
  try {
    // As the launcher: durable settings (persistent), every service, one gateway per core.
    let infra: InfraUrls;
    let watchServers: (probe: UsageProbe) => void;
    if (clustered) {
      const cluster = await startClusterServers({ baseDir: dir, persistent: true });
      servers = cluster;
      infra = {
        natsUrl: cluster.natsUrl,
        redisUrl: cluster.redisUrl,
        redisSentinels: cluster.redis.sentinelAddresses,
        redisSentinelName: cluster.redis.name,
        postgresUrl: cluster.postgresUrl,
        credentials: cluster.credentials,
      };
      watchServers = (probe) => {
        cluster.nats.nodes.forEach((n, i) =>
          probe.watch({ name: `nats-server-${i + 1}`, pid: n.pid, kind: 'server' }),
        );
        cluster.redis.servers.forEach((r, i) =>
          probe.watch({ name: `redis-server-${i + 1}`, pid: r.pid, kind: 'server' }),
        );
        [cluster.postgres.primary, cluster.postgres.replica].forEach((pgServer, i) =>
          probe.watch({
            name: i ? 'postgres-2' : 'postgres',
            pid: pgServer.pid,
            kind: 'server',
            withChildren: true,
          }),
        );
      };
    } else {
      const local = await startLocalServers({ baseDir: dir, persistent: true });
      servers = local;
      infra = {
        natsUrl: local.nats.url,
        redisUrl: local.redis.url,
        postgresUrl: local.postgres.url,
        credentials: local.credentials,
      };
      watchServers = (probe) => {
        probe.watch({ name: 'nats-server', pid: local.nats.pid, kind: 'server' });
        probe.watch({ name: 'redis-server', pid: local.redis.pid, kind: 'server' });
        probe.watch({
          name: 'postgres',
          pid: local.postgres.pid,
          kind: 'server',
          withChildren: true,
        });
      };
    }
    log(`servers up${clustered ? ' (cluster)' : ''}; starting every service`);
    // The gateways' inspector port (opened only when the idle-connection figure asks for a
    // garbage collection; the first gateway is the one measured).
    const gatewayInspectPort = await findFreePort();
    const r3: Record<string, string> = clustered ? { NATS_STREAM_REPLICAS: '3' } : {};
    platform = await startPlatform({
      infra,
      logDir: path.join(dir, 'logs'),
      databaseName: (_service, database) => `${database}_bench_test`,
      logLevel: 'warn',
      instances: clustered
        ? Object.fromEntries(PLATFORM_SERVICES.map((s) => [s.name, 2]))
        : { 'conn-gateway': options.gateways },
      extraEnv: {
        ...(clustered ? Object.fromEntries(PLATFORM_SERVICES.map((s) => [s.name, r3])) : {}),
        'conn-gateway': {
          ...r3,
          NODE_OPTIONS: inspectArg(gatewayInspectPort),
          // every bench client comes from 127.0.0.1: one address holds all 15,000 sessions
          CONN_GATEWAY_MAX_CONNECTIONS_PER_IP: '20000',
          CONN_GATEWAY_MAX_GUESTS_PER_IP: '20000',
        },
      },
    });
    log(`platform up (${platform.services.size} processes)`);
    pg = new PgSampler(infra.postgresUrl);
    const probe = new UsageProbe(pg);
    for (const [name, proc] of platform.services)
      probe.watch({ name, pid: proc.pid, opsPort: platform.ports.ops[name], kind: 'service' });
    watchServers(probe);

    const apps = await PlatformApps.connect(infra.natsUrl);
    const app = await apps.create({ name: 'bench', settings: { avChatRoomEnabled: true } });
    await apps.close();
    const admin = new RestAdminClient({
      baseUrl: platform.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: app.adminIdentifiers[0],
      secretKey: app.secretKey,
    });
    host = new ImClient({
      url: [...platform.wsUrls].reverse(),
      sdkAppId: app.sdkAppId,
      userId: 'bench-host',
      userSig: signUserSig({
        sdkAppId: app.sdkAppId,
        secretKey: app.secretKey,
        identifier: 'bench-host',
        expireSeconds: 86_400,
      }),
      requestTimeoutMs: 60_000,
      socketFactory: (u) => new WebSocket(u, { perMessageDeflate: false }) as unknown as SocketLike,
    });
    const hostChat = new ImChat(host, { catchUp: 'none', syncIntervalMs: 0 });
    await host.connect();
    echo = await BaselineServer.start('nats-echo', infra.natsUrl);
    probe.watch({ name: 'nats-echo', pid: echo.pid, kind: 'baseline' });

    const startWorkers = () => {
      workers = Array.from({ length: options.workers }, (_, i) =>
        LoadWorker.start(`load-${i + 1}`),
      );
      workers.forEach((w) => probe.watch({ name: w.name, pid: w.pid, kind: 'load' }));
      ctx.workers = workers;
    };
    const ctx: BenchContext = {
      options,
      cores: machine.cores,
      natsUrl: infra.natsUrl,
      platform,
      gatewayInspectPort,
      app,
      admin,
      probe,
      workers,
      host: { client: host, chat: hostChat },
      echo,
      recycleWorkers: async () => {
        await Promise.all(workers.map((w) => w.stop()));
        startWorkers();
        // Let the platform work off the closed sockets and anything queued.
        await ctx.settle();
      },
      settle: async () => {
        const waited = await probe.settle(options.quick ? 10_000 : 120_000);
        if (waited > 3) log(`waited ${Math.round(waited)} s for the platform to go idle`);
      },
      log,
    };
    startWorkers();

    const run = async (
      ids: (typeof SCENARIO_IDS)[number][],
      fn: () => Promise<
        Record<string, Omit<ScenarioResult, 'id' | 'title' | 'target' | 'seconds'> | undefined>
      >,
    ) => {
      const todo = ids.filter(wanted);
      if (todo.length === 0) return;
      const t0 = Date.now();
      try {
        const got = await fn();
        for (const id of todo) {
          const r = got[id];
          if (!r) continue;
          results.push({ id, ...TITLES[id], ...r, seconds: (Date.now() - t0) / 1000 });
          log(
            `${TITLES[id].title}: ${r.figure ? `${r.figure.value.toFixed(1)} ${r.figure.unit}` : '—'}${r.ratio !== undefined ? ` (ratio ${r.ratio.toFixed(2)})` : ''}`,
          );
        }
      } catch (err) {
        failed = true;
        const error = (err as Error).stack ?? String(err);
        log(`${todo.join(', ')} failed: ${error}`);
        for (const id of todo)
          results.push({
            id,
            ...TITLES[id],
            bottleneck: '—',
            details: {},
            error,
            seconds: (Date.now() - t0) / 1000,
          });
        await ctx.recycleWorkers().catch(() => undefined);
      }
    };

    await run(['rest-edge'], async () => ({ 'rest-edge': await restEdge(ctx) }));
    await run(['c2c-throughput', 'c2c-latency'], async () => {
      const r = await c2cScenarios(ctx, {
        throughput: wanted('c2c-throughput'),
        latency: wanted('c2c-latency'),
      });
      return { 'c2c-throughput': r.throughput, 'c2c-latency': r.latency };
    });
    await run(['c2c-load-curve'], async () => {
      const throughput = results.find((r) => r.id === 'c2c-throughput' && !r.error);
      return { 'c2c-load-curve': await c2cLoadCurve(ctx, throughput?.figure?.value) };
    });
    await run(['group-chat'], async () => ({ 'group-chat': await groupChat(ctx) }));
    await run(['live-room', 'idle-connections'], async () => {
      const r = await liveRoom(ctx);
      return { 'live-room': r.room, 'idle-connections': r.idle };
    });
    await run(['reconnect-storm'], async () => ({ 'reconnect-storm': await reconnectStorm(ctx) }));
    await run(['big-room-members'], async () => ({
      'big-room-members': await bigRoomMembers(ctx),
    }));
    await run(['media-uploads'], async () => ({ 'media-uploads': await mediaUploads(ctx) }));
    await run(['cluster-c2c'], async () => ({ 'cluster-c2c': await clusterC2c(ctx) }));
    if (soaking) {
      const capacity = results.find((r) => r.id === 'c2c-throughput')?.figure?.value;
      const ratePerSec = values['soak-rate']
        ? Number(values['soak-rate'])
        : Math.max(1, Math.round((capacity ?? 0) / 2));
      const minutes = Number(values['soak-minutes'] ?? (options.quick ? 1 : 30));
      const windowSeconds = Number(values['soak-window-seconds'] ?? (options.quick ? 10 : 60));
      const t0 = Date.now();
      const target = 'memory per process and error rate flat';
      try {
        const r = await soak(ctx, {
          ratePerSec,
          durationMs: minutes * 60_000,
          windowMs: windowSeconds * 1000,
        });
        results.push({
          id: 'soak',
          title: 'Soak',
          target,
          ...r,
          seconds: (Date.now() - t0) / 1000,
        });
        log(`Soak: ${r.bottleneck}`);
      } catch (err) {
        failed = true;
        const error = (err as Error).stack ?? String(err);
        log(`soak failed: ${error}`);
        results.push({
          id: 'soak',
          title: 'Soak',
          target,
          bottleneck: '—',
          details: {},
          error,
          seconds: (Date.now() - t0) / 1000,
        });
      }
    }
  } catch (err) {
    failed = true;
    log(`bench failed: ${(err as Error).stack ?? String(err)}`);
    throw err;
  } finally {
    const order = SCENARIO_IDS as readonly string[];
    const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
    results.sort((a, b) => rank(a.id) - rank(b.id));
    const report: BenchReport = {
      mode: `${options.quick ? 'quick' : 'full'}${clustered ? ', cluster' : ''}`,
      machine,
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
      settings: Object.fromEntries(
        Object.entries(options).filter(([, v]) => typeof v === 'number' || typeof v === 'string'),
      ),
      scenarios: results,
      totalSeconds: (Date.now() - started) / 1000,
    };
    writeReport(outDir, report);
    if (failed) {
      try {
        cpSync(path.join(dir, 'logs'), path.join(outDir, 'logs'), { recursive: true });
      } catch {
        // no logs
      }
    }
    process.stdout.write(`\n${headlineTable(report)}\n\n${cpuCostHeadline(report)}\n\n`);
    log(`report: ${path.join(outDir, 'report.md')}`);
    await host?.close().catch(() => undefined);
    await pg?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await echo?.stop();
    await platform?.stop();
    await servers?.stop();
    rmSync(dir, { recursive: true, force: true });
    // The services write their CPU profiles when they stop: summarise this run's into the report.
    const profDir = process.env.IM_CPU_PROF_DIR;
    if (profDir) {
      report.profiles = summarizeProfileDir(profDir, started, probeWindows);
      writeReport(outDir, report);
      log(`CPU profiles of ${report.profiles.length} processes summarised from ${profDir}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
