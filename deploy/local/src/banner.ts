import { AppFeatures } from '@im/contracts';
import type { AppFeature } from '@im/contracts';

import type { Endpoints } from './endpoints-file';

export interface BannerInput extends Endpoints {
  /** Every conn-gateway process (the first is `wsUrl`). */
  wsUrls?: string[];
  adminUserSig: string;
  userSigDays: number;
  /** The demo app's switchable features that are on. */
  features: AppFeature[];
  /** The admin console; `password` only on the start that created the first operator. */
  console?: { url: string; username: string; password?: string };
  opsUrls: Record<string, string>;
  dataDir: string;
  logDir: string;
  /** The NATS server the CLI must reach (no credentials). */
  natsUrl: string;
  /** The file with the NATS operator's password (owner-only). */
  operatorPasswordFile: string;
  /** Every generated password (owner-only). */
  credentialsFile: string;
  /** Where the launcher logs the restarts of the servers (JSON lines). */
  supervisionLog: string;
  /** `--cluster`: no server is restarted; the cluster serves through the loss of one. */
  cluster?: boolean;
}

/** `nats://host:port` with the operator user named (its password comes from a file). */
function operatorUrl(natsUrl: string): string {
  return natsUrl.replace('://', '://operator@');
}

/** What `npm start` prints once everything is up, with a curl to copy. */
export function renderBanner(b: BannerInput): string {
  const query = `sdkappid=${b.sdkAppId}&identifier=${b.adminIdentifier}&usersig=${b.adminUserSig}&random=1&contenttype=json`;
  const curl =
    `curl -s -X POST '${b.restUrl}/v4/im_open_login_svc/account_import?${query}' ` +
    `-H 'content-type: application/json' -d '{"UserID":"alice","Nick":"Alice"}'`;
  const ops = Object.entries(b.opsUrls)
    .map(([name, url]) => `  ${name.padEnd(14)} ${url}/health  /ready  /metrics`)
    .join('\n');
  return [
    '',
    'IM platform is up.',
    '',
    `  REST API       ${b.restUrl}/v4/{service}/{command}`,
    ...(b.wsUrl ? [`  WebSocket      ${b.wsUrl}   (docs/protocol.md)`] : []),
    ...(b.wsUrls ?? []).slice(1).map((url) => `                 ${url}`),
    ...(b.mediaUrl ? [`  Media          ${b.mediaUrl}/upload   (docs/protocol.md §14)`] : []),
    `  SDKAppID       ${b.sdkAppId}`,
    `  admin          ${b.adminIdentifier}`,
    `  secret key     ${b.secretKey}`,
    `  admin UserSig  ${b.adminUserSig}`,
    `                 (valid ${b.userSigDays} days)`,
    `  features       ${AppFeatures.map((f) => `${f} ${b.features.includes(f) ? 'on' : 'off'}`).join(', ')}`,
    '                 switch them with the operator CLI (--enable F,F / --disable F,F):',
    `                 NATS_URL=${operatorUrl(b.natsUrl)} NATS_PASSWORD_FILE=${b.operatorPasswordFile} node apps/account/dist/admin-cli.js features --sdk-app-id ${b.sdkAppId} --disable push`,
    ...(b.console
      ? [
          `  console        ${b.console.url}`,
          `  operator       ${b.console.username}`,
          b.console.password
            ? `  password       ${b.console.password}   (shown once: only its hash is kept)`
            : '  password       (printed on the first start only)',
        ]
      : []),
    '',
    'Try it:',
    '',
    curl,
    '',
    'Ops endpoints:',
    ops,
    '',
    `Data in ${b.dataDir}, service logs in ${b.logDir}, endpoints in ${b.dataDir}/endpoints.json.`,
    `NATS, Redis and PostgreSQL refuse clients without a password; every password (one NATS user and`,
    `one database role per service) is in ${b.credentialsFile}, readable by you only.`,
    ...(b.cluster
      ? [
          'Cluster mode: 3 NATS nodes (streams at R3), Redis primary + replica + 3 Sentinels, PostgreSQL',
          'primary + streaming replica, two processes of every service; a service that exits is started',
          'again, a server is not (the others serve without it). Started empty each time.',
        ]
      : [
          'Supervised: a service, nats-server, redis-server or postgres that exits is started again',
          `(same port, data and password; at most 5 times a minute each), logged in ${b.supervisionLog}.`,
        ]),
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
