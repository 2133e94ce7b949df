import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { MsgElement } from '@im/contracts';
import { ImChat, ImClient } from '@im/sdk';
import {
  createTempDir,
  findRepoRoot,
  PlatformApps,
  startLocalServers,
  startPlatform,
} from '@im/testing';
import { signUserSig } from '@im/usersig';

import type { WorkerReport, WorkerStart } from './live-room-worker';

/**
 * Live-room fan-out bench (issue 5): a platform with several conn-gateway processes, N SDK
 * clients in several client processes (a process holds at most ~19k sockets), all joined to
 * one AVChatRoom; a host sends messages and we measure, per message, the time from the send
 * call to the last client receiving it.
 *
 *   npm run build && npx tsc -p apps/e2e/bench && node apps/e2e/bench/dist/live-room.js \
 *     [--clients 10000] [--processes 4] [--gateways <cores>] [--rounds 5] [--guest-share 0.5]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '10000' },
      processes: { type: 'string', default: '4' },
      gateways: { type: 'string', default: String(availableParallelism()) },
      rounds: { type: 'string', default: '5' },
      'guest-share': { type: 'string', default: '0.5' },
      concurrency: { type: 'string', default: '50' },
    },
  });
  const clients = Number(values.clients);
  const processes = Number(values.processes);
  const gateways = Number(values.gateways);
  const rounds = Number(values.rounds);
  const guestShare = Number(values['guest-share']);
  const concurrency = Number(values.concurrency);
  const log = (line: string) => process.stdout.write(`[live-room] ${line}\n`);

  const dir = await createTempDir();
  const servers = await startLocalServers({ baseDir: dir, persistent: false });
  const workers: ChildProcess[] = [];
  let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
  try {
    log(`starting the platform with ${gateways} conn-gateway process(es)`);
    platform = await startPlatform({
      infra: {
        natsUrl: servers.nats.url,
        redisUrl: servers.redis.url,
        postgresUrl: servers.postgres.url,
      },
      logDir: path.join(dir, 'logs'),
      databaseName: (_service, database) => `${database}_bench_test`,
      logLevel: 'warn',
      instances: { 'conn-gateway': gateways },
    });
    const apps = await PlatformApps.connect(servers.nats.url);
    const app = await apps.create({
      name: 'live-room-bench',
      settings: { avChatRoomEnabled: true },
    });
    await apps.close();

    const host = new ImClient({
      url: platform.wsUrls,
      sdkAppId: app.sdkAppId,
      userId: 'host',
      userSig: signUserSig({
        sdkAppId: app.sdkAppId,
        secretKey: app.secretKey,
        identifier: 'host',
        expireSeconds: 86_400,
      }),
    });
    const hostChat = new ImChat(host, { syncIntervalMs: 0 });
    await host.connect();
    const { groupId } = await host.request<{ groupId: string }>('group.create', {
      type: 'AVChatRoom',
      name: 'Bench',
    });
    await hostChat.joinRoom(groupId);

    log(`connecting ${clients} clients in ${processes} processes (${guestShare * 100}% guests)`);
    const joinStarted = Date.now();
    const reports: WorkerReport[] = [];
    const listeners = new Set<() => void>();
    const onReport = (report: WorkerReport) => {
      reports.push(report);
      for (const l of listeners) l();
    };
    const until = (check: () => boolean, timeoutMs: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error('timed out'));
        }, timeoutMs);
        const listener = () => {
          if (!check()) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve();
        };
        listeners.add(listener);
        listener();
      });
    const workerEntry = path.join(__dirname, 'live-room-worker.js');
    const perProcess = Math.ceil(clients / processes);
    for (let index = 0; index < processes; index++) {
      const count = Math.min(perProcess, clients - index * perProcess);
      if (count <= 0) break;
      const child = fork(workerEntry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', onReport);
      workers.push(child);
      const start: WorkerStart = {
        type: 'start',
        index,
        urls: platform.wsUrls,
        sdkAppId: app.sdkAppId,
        secretKey: app.secretKey,
        groupId,
        count,
        offset: index * perProcess,
        guestShare,
        concurrency,
      };
      child.send(start);
    }
    await until(
      () => reports.filter((r) => r.type === 'joined').length === workers.length,
      600_000,
    );
    const joinedReports = reports.filter((r) => r.type === 'joined');
    const joined = joinedReports.reduce((sum, r) => sum + r.joined, 0);
    const failed = joinedReports.reduce((sum, r) => sum + r.failed, 0);
    log(
      `${joined} clients joined in ${((Date.now() - joinStarted) / 1000).toFixed(1)} s` +
        (failed ? `, ${failed} failed (${joinedReports.find((r) => r.failed)?.firstError})` : ''),
    );

    const results: { seq: number; received: number; toFirstMs: number; toLastMs: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const body: MsgElement[] = [
        { MsgType: 'TIMTextElem', MsgContent: { Text: `round ${round}` } },
      ];
      const sentAt = Date.now();
      const sent = await hostChat.sendGroup(groupId, body);
      const seq = sent.seq ?? 0;
      const roundReports = () =>
        reports.filter(
          (r): r is Extract<WorkerReport, { type: 'round' }> => r.type === 'round' && r.seq === seq,
        );
      await until(
        () => roundReports().length === joinedReports.filter((r) => r.joined > 0).length,
        60_000,
      );
      const got = roundReports();
      const result = {
        seq,
        received: got.reduce((sum, r) => sum + r.received, 0),
        toFirstMs: Math.min(...got.map((r) => r.firstAt)) - sentAt,
        toLastMs: Math.max(...got.map((r) => r.lastAt)) - sentAt,
      };
      results.push(result);
      log(
        `message ${round} (seq ${seq}): ${result.received}/${joined} clients, first after ${result.toFirstMs} ms, last after ${result.toLastMs} ms`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const lasts = results.map((r) => r.toLastMs).sort((a, b) => a - b);
    const summary = {
      at: new Date().toISOString(),
      clients: joined,
      clientProcesses: workers.length,
      gatewayProcesses: gateways,
      guestShare,
      cores: availableParallelism(),
      rounds: results,
      toLastMsMedian: lasts[Math.floor(lasts.length / 2)],
      toLastMsMax: lasts[lasts.length - 1],
    };
    const resultsDir = path.join(findRepoRoot(__dirname), 'apps/e2e/bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `live-room-${Date.now()}.json`);
    writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
    log(
      `time to the last of ${joined} clients: median ${summary.toLastMsMedian} ms, max ${summary.toLastMsMax} ms (${file})`,
    );
    await hostChat.close();
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await platform?.stop();
    await servers.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
