import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { AppReply } from '@im/contracts';

import { createTempBaseDir } from '../jest/temp-base-dir';
import { PlatformApps } from '../platform/platform-apps';
import { startPlatform } from '../platform/platform-runner';
import type { RunningPlatform } from '../platform/platform-runner';
import { startLocalServers } from '../servers/local-servers';
import type { LocalServers } from '../servers/local-servers';

/** The app admin the fuzzers' apps declare. */
export const FUZZ_ADMIN = 'administrator';

/** The whole platform on fresh servers, with one app that has every group type on. */
export interface FuzzPlatform {
  platform: RunningPlatform;
  app: AppReply;
  /** The services that exited since `start` (none may). */
  readonly exited: string[];
  /** Log lines of level error or fatal, or carrying a stack, per service log file. */
  logProblems(): string[];
  /** The report lines every fuzzer ends with: exits and log problems. */
  summaryLines(): string[];
  /** Writes the Markdown report to `file` when one is given (the FUZZ_*_REPORT variables). */
  writeReport(file: string | undefined, text: string): void;
  stop(): Promise<void>;
}

/** Starts servers and services for a fuzzer; `tag` names its test databases. */
export async function startFuzzPlatform(tag: string): Promise<FuzzPlatform> {
  const dir = await createTempBaseDir();
  const logDir = path.join(dir, 'logs');
  let servers: LocalServers | undefined;
  let platform: RunningPlatform | undefined;
  let apps: PlatformApps | undefined;
  const stop = async () => {
    await apps?.close();
    await platform?.stop();
    await servers?.stop();
  };
  try {
    servers = await startLocalServers({ baseDir: dir, persistent: false });
    platform = await startPlatform({
      infra: {
        natsUrl: servers.nats.url,
        redisUrl: servers.redis.url,
        postgresUrl: servers.postgres.url,
        credentials: servers.credentials,
      },
      logDir,
      databaseName: (_service, database) => `${database}_${tag}_test`,
      logLevel: 'warn',
    });
    apps = await PlatformApps.connect(servers.nats.url);
    const app = await apps.create({
      adminIdentifiers: [FUZZ_ADMIN],
      settings: { avChatRoomEnabled: true, bChatRoomEnabled: true, push: { enabled: true } },
    });
    const exited: string[] = [];
    for (const [name, proc] of platform.services) void proc.exited.then(() => exited.push(name));
    const logProblems = () => findLogProblems(logDir);
    return {
      platform,
      app,
      exited,
      logProblems,
      summaryLines: () => {
        const logs = logProblems();
        return [
          `services that exited: ${exited.length ? exited.join(', ') : 'none'}`,
          `log lines with an error or a stack: ${logs.length}`,
          ...logs.slice(0, 20).map((l) => `    ${l}`),
        ];
      },
      writeReport: (file, text) => {
        if (!file) return;
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, `${text}\n`);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function findLogProblems(logDir: string): string[] {
  const problems: string[] = [];
  for (const file of readdirSync(logDir).filter((f) => f.endsWith('.log'))) {
    for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
      if (/"level":"(error|fatal)"|"level":(50|60)\b|"stack":/.test(line)) {
        problems.push(`${file}: ${line.slice(0, 400)}`);
      }
    }
  }
  return problems;
}
