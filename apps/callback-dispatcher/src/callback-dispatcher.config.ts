import path from 'node:path';

import { makeValidator } from 'envalid';

import { CallbackLimits } from '@im/contracts';
import { positiveInt, serviceConfig } from '@im/platform';
import type { CleanEnv, ConfigOf } from '@im/platform';

import { parseEgressIps } from './egress-ips.rules';
import type { EgressIpsSetting } from './egress-ips.rules';

/** `host` or comma-separated IP addresses. */
const egressIps = makeValidator<EgressIpsSetting>((input: string) => parseEgressIps(input));

/** How callbacks are sent: `CALLBACK_DISPATCHER_<NAME>` variables with defaults. */
const callbackTuning = {
  timeoutMs: positiveInt({
    default: CallbackLimits.timeoutMs,
    desc: 'How long the app backend has to answer (docs/callbacks.md §1.3: 2 s)',
  }),
  maxAttempts: positiveInt({
    default: 12,
    desc: 'Deliveries of an after-callback before it becomes a dead letter',
  }),
  retryBaseMs: positiveInt({
    default: 1000,
    desc: 'Delay before the first retry; doubled for every further one, up to RETRY_MAX_MS',
  }),
  retryMaxMs: positiveInt({ default: 300_000, desc: 'Longest delay between two retries' }),
  appConcurrency: positiveInt({
    default: 8,
    desc: 'After-callbacks of one app in flight at once (per instance)',
  }),
  beforeInFlightPerApp: positiveInt({
    default: 256,
    desc: 'Before-callbacks of one app in flight at once; beyond it they fail open at once',
  }),
  maxSocketsPerApp: positiveInt({
    default: 64,
    desc: 'Keep-alive connections per app and origin',
  }),
  sweepIntervalMs: positiveInt({
    default: 1000,
    desc: 'How often queued callbacks left by another instance or a restart are looked for',
  }),
  leaseMs: positiveInt({
    default: CallbackLimits.timeoutMs + 30_000,
    desc: 'A queued callback claimed by an instance is not taken by another one for this long',
  }),
  eventMaxAgeSeconds: positiveInt({
    default: 86_400,
    desc: 'Events older than this are not reported any more (a new durable reading history)',
  }),
  consumerMaxDeliver: positiveInt({
    default: 30,
    desc: 'Redeliveries of a source event the dispatcher could not queue (account service down)',
  }),
  responseMaxBytes: positiveInt({ default: 1024 * 1024, desc: 'Largest app answer read' }),
  egressIps: egressIps({
    default: 'host',
    desc:
      'Addresses callbacks leave from, comma-separated, answered by ConfigSvc/GetIPList for ' +
      "allow-listing; host = this host's non-internal addresses (set them behind NAT or a proxy)",
  }),
  tallyIntervalMs: positiveInt({
    default: 5000,
    desc: 'How often the callbacks sent and answered are published for the statistics',
  }),
};

const callbackDispatcher = serviceConfig('CALLBACK_DISPATCHER', {
  opsPort: 9107,
  database: {
    name: 'im_callback_dispatcher',
    migrationsDir: path.join(__dirname, '..', 'migrations'),
  },
  appRegistryTtlMs: 30_000,
  tuning: callbackTuning,
});

export const CALLBACK_DISPATCHER_SERVICE = callbackDispatcher.service;

/** Every variable the callback-dispatcher service reads (also checked against .env.example). */
export const callbackDispatcherEnvSpec = callbackDispatcher.envSpec;

export type CallbackTuning = CleanEnv<typeof callbackTuning>;

export type CallbackDispatcherConfig = ConfigOf<typeof callbackDispatcher> & {
  callbacks: CallbackTuning;
};

export function loadCallbackDispatcherConfig(
  env: Record<string, string | undefined> = process.env,
): CallbackDispatcherConfig {
  const { config, tuning } = callbackDispatcher.load(env);
  return { ...config, callbacks: tuning };
}
