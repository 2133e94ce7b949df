import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import { pushEnvSpec, loadPushConfig } from './push.config';

describe(loadPushConfig.name, () => {
  it('runs on local defaults without any variable', () => {
    expect(loadPushConfig({})).toMatchObject({
      service: 'push',
      db: { url: 'postgres://postgres@127.0.0.1:15432/im_push' },
      ops: { port: 9106 },
    });
  });

  it('lists every bad variable at once', () => {
    expect(() =>
      loadPushConfig({ NATS_REQUEST_TIMEOUT_MS: 'soon', PUSH_OPS_PORT: '70000' }),
    ).toThrow(ConfigError);
  });

  it('documents exactly its variables, with their defaults, in .env.example', () => {
    const example = readEnvFile(path.join(__dirname, '..', '.env.example'));

    expect(Object.keys(example).sort()).toEqual(Object.keys(pushEnvSpec).sort());
    expect(loadPushConfig(example)).toEqual({
      ...loadPushConfig({}),
      nodeId: expect.any(String),
    });
  });
});
