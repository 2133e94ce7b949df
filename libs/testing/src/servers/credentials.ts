// Loaded by the jest global setup through plain Node resolution: no @im/* imports here.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

import { NATS_OPERATOR_USER, NATS_SERVICE_ACCESS } from './nats-access';

/**
 * Every secret of the local infrastructure, generated at first start and kept (mode 0600) in
 * the data dir: `npm start` reuses them across restarts, the test harness makes new ones per
 * run. Passwords are URL-safe (they go into connection URLs).
 */
export interface InfraCredentials {
  nats: { operator: string; services: Record<string, string> };
  redis: string;
  /** `superuser`: the `postgres` role; `roles`: one per service database, by database name. */
  postgres: { superuser: string; roles: Record<string, string> };
}

export const CREDENTIALS_FILE = 'credentials.json';

/** 192 random bits, base64url: no character a URL or a config file would need escaped. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

function read(file: string): Partial<InfraCredentials> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<InfraCredentials>;
  } catch (err) {
    throw new Error(`[testing] ${file} is not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function fill(existing: Record<string, string> | undefined, names: readonly string[]) {
  const out = { ...existing };
  for (const name of names) out[name] ??= newSecret();
  return out;
}

/**
 * The credentials in `file`, with whatever is missing generated (a service or database added
 * since the last start gets its own). The file is written owner-only, atomically.
 */
export function loadOrCreateCredentials(
  file: string,
  databases: readonly string[],
): InfraCredentials {
  const old = read(file);
  const creds: InfraCredentials = {
    nats: {
      operator: old.nats?.operator ?? newSecret(),
      services: fill(old.nats?.services, Object.keys(NATS_SERVICE_ACCESS)),
    },
    redis: old.redis ?? newSecret(),
    postgres: {
      superuser: old.postgres?.superuser ?? newSecret(),
      roles: fill(old.postgres?.roles, databases),
    },
  };
  const text = `${JSON.stringify(creds, null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  }
  chmodSync(file, 0o600);
  return creds;
}

/** `scheme://host:port/...` with `user:password@` set (either may be empty). */
export function withUserInfo(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The URL without its credentials (for banners and messages). */
export function withoutUserInfo(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}

/** The operator's NATS URL (no limits: tools, tests). */
export function natsOperatorUrl(url: string, creds: InfraCredentials): string {
  return withUserInfo(url, NATS_OPERATOR_USER, creds.nats.operator);
}
