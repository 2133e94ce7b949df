import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import { messageEnvSpec, loadMessageConfig } from './message.config';

describe(loadMessageConfig.name, () => {
  it('runs on local defaults without any variable', () => {
    expect(loadMessageConfig({})).toMatchObject({
      service: 'message',
      db: { url: 'postgres://postgres@127.0.0.1:15432/im_message' },
      ops: { port: 9105 },
    });
  });

  it('lists every bad variable at once', () => {
    expect(() =>
      loadMessageConfig({ NATS_REQUEST_TIMEOUT_MS: 'soon', MESSAGE_OPS_PORT: '70000' }),
    ).toThrow(ConfigError);
  });

  it('documents exactly its variables, with their defaults, in .env.example', () => {
    const example = readEnvFile(path.join(__dirname, '..', '.env.example'));

    expect(Object.keys(example).sort()).toEqual(Object.keys(messageEnvSpec).sort());
    expect(loadMessageConfig(example)).toEqual({
      ...loadMessageConfig({}),
      nodeId: expect.any(String),
    });
  });
});
