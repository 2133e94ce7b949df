import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import {
  callbackDispatcherEnvSpec,
  loadCallbackDispatcherConfig,
} from './callback-dispatcher.config';

describe(loadCallbackDispatcherConfig.name, () => {
  it('runs on local defaults without any variable', () => {
    expect(loadCallbackDispatcherConfig({})).toMatchObject({
      service: 'callback-dispatcher',
      db: { url: 'postgres://postgres@127.0.0.1:15432/im_callback_dispatcher' },
      ops: { port: 9107 },
    });
  });

  it('waits 2 s for an app and gives an after-callback up after bounded retries', () => {
    const { callbacks } = loadCallbackDispatcherConfig({});

    expect(callbacks.timeoutMs).toBe(2000);
    expect(callbacks.maxAttempts).toBeGreaterThan(1);
    expect(callbacks.retryBaseMs).toBeLessThanOrEqual(callbacks.retryMaxMs);
    expect(callbacks.leaseMs).toBeGreaterThan(callbacks.timeoutMs);
  });

  it('lists every bad variable at once', () => {
    expect(() =>
      loadCallbackDispatcherConfig({
        NATS_REQUEST_TIMEOUT_MS: 'soon',
        CALLBACK_DISPATCHER_OPS_PORT: '70000',
      }),
    ).toThrow(ConfigError);
  });

  it('documents exactly its variables, with their defaults, in .env.example', () => {
    const example = readEnvFile(path.join(__dirname, '..', '.env.example'));

    expect(Object.keys(example).sort()).toEqual(Object.keys(callbackDispatcherEnvSpec).sort());
    expect(loadCallbackDispatcherConfig(example)).toEqual({
      ...loadCallbackDispatcherConfig({}),
      nodeId: expect.any(String),
    });
  });
});
