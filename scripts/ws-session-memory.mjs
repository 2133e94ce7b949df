// Memory one WebSocket session costs the gateway, with and without permessage-deflate.
//
//   npm run build && node scripts/ws-session-memory.mjs [sessions=400]
//
// Starts nats/redis/postgres, account and one conn-gateway, then for each mode opens `sessions`
// sessions on a freshly started gateway and reads its resident memory (VmRSS) before and after:
// - guest: a guest login, then one 4 KB frame from the client (compressed when negotiated:
//   the gateway inflates it);
// - user: a user login, then one 4 KB push from the gateway (compressed when negotiated: the
//   gateway deflates it).
// Prints KiB per session for each mode (resident memory: what a client costs the machine).
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import WebSocket from 'ws';

import { ConnSubjects } from '@im/contracts';
import { createLogger, NatsBus } from '@im/platform';
import {
  createTempDir,
  PlatformApps,
  startLocalServers,
  startPlatform,
  waitFor,
} from '@im/testing';
import { signUserSig } from '@im/usersig';

const sessions = Number(process.argv[2] ?? 400);

const rssKiB = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

const dir = await createTempDir();
const servers = await startLocalServers({ baseDir: dir, persistent: false });
const platform = await startPlatform({
  infra: {
    natsUrl: servers.nats.url,
    redisUrl: servers.redis.url,
    postgresUrl: servers.postgres.url,
    credentials: servers.credentials,
  },
  services: ['account', 'conn-gateway'],
  logDir: path.join(dir, 'logs'),
  databaseName: (_s, db) => `${db}_mem_test`,
  logLevel: 'warn',
  extraEnv: {
    'conn-gateway': {
      CONN_GATEWAY_MAX_CONNECTIONS_PER_IP: '100000',
      CONN_GATEWAY_MAX_GUESTS_PER_IP: '100000',
    },
  },
});
const apps = await PlatformApps.connect(servers.nats.url);
const bus = new NatsBus({
  servers: [servers.nats.url],
  name: 'mem',
  requestTimeoutMs: 5000,
  logger: createLogger('mem', 'mem', 'silent'),
});
await bus.connect();
const app = await apps.create({ name: 'mem' });
let gw = platform.services.get('conn-gateway');

async function open(compress, login) {
  const ws = new WebSocket(platform.wsUrl, { perMessageDeflate: compress });
  const frames = [];
  ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ op: 'req', seq: 1, cmd: 'login', data: login }));
  const res = await waitFor(() => frames.find((f) => f.op === 'res' && f.seq === 1) ?? null);
  if (res.code !== 0) throw new Error(`login answered ${res.code}`);
  return { ws, frames, login: res.data, extension: ws.extensions };
}

const pad = 'x'.repeat(4096);
async function measure(mode, compress) {
  // a fresh gateway per mode, warmed by a round of the same mode (JIT, pools): memory freed by
  // another mode's round would hide this one's cost
  await gw.stop();
  gw = await platform.restart('conn-gateway');
  const endpoints = platform.wsUrl.replace(/^ws/, 'http').replace(/\/ws$/, '/endpoints');
  await waitFor(
    () =>
      fetch(endpoints).then(
        (r) => r.ok || null,
        () => null,
      ),
    { timeoutMs: 20_000 },
  );
  await round(mode, compress, Math.ceil(sessions / 4), 'w');
  await waitFor(
    async () => {
      const text = await (await fetch(`${gw.opsUrl}/metrics`)).text();
      return /^im_conn_connections(?:\{[^}]*\})? 0$/m.test(text) ? true : null;
    },
    { timeoutMs: 30_000 },
  );
  return round(mode, compress, sessions, 'm');
}

async function round(mode, compress, sessions, tag) {
  const sockets = [];
  const before = rssKiB(gw.pid);
  for (let i = 0; i < sessions; i++) {
    if (mode === 'guest') {
      const s = await open(compress, { sdkAppId: app.sdkAppId, guest: true, platform: 'Web' });
      s.ws.send(JSON.stringify({ op: 'ping', pad }));
      sockets.push(s);
    } else {
      const userId = `u${tag}${compress ? 'z' : 'p'}${i}`;
      const userSig = signUserSig({
        sdkAppId: app.sdkAppId,
        secretKey: app.secretKey,
        identifier: userId,
        expireSeconds: 3600,
      });
      const s = await open(compress, { sdkAppId: app.sdkAppId, userId, userSig, platform: 'Web' });
      bus.publishDirect(ConnSubjects.deliver(s.login.nodeId), {
        items: [{ sdkAppId: app.sdkAppId, userId, cmd: 'test', data: { pad } }],
      });
      sockets.push(s);
    }
  }
  await waitFor(
    () =>
      sockets.every((s) => s.frames.some((f) => f.op === (mode === 'guest' ? 'pong' : 'push')))
        ? true
        : null,
    { timeoutMs: 60_000 },
  );
  const negotiated = sockets[0].ws.extensions || 'none';
  const after = rssKiB(gw.pid);
  for (const s of sockets) s.ws.terminate();
  return { mode, compress, negotiated, perSessionKiB: (after - before) / sessions };
}

const results = [];
try {
  for (const mode of ['guest', 'user'])
    for (const compress of [false, true]) results.push(await measure(mode, compress));
} finally {
  await bus.close();
  await apps.close();
  await platform.stop();
  await servers.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`gateway memory per session (${sessions} sessions per round, VmRSS delta)`);
for (const r of results)
  console.log(
    `${r.mode.padEnd(6)} deflate offered=${String(r.compress).padEnd(5)} negotiated=${r.negotiated.padEnd(90)} ${r.perSessionKiB.toFixed(1)} KiB`,
  );
