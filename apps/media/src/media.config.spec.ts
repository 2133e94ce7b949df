import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import { mediaEnvSpec, loadMediaConfig } from './media.config';

describe(loadMediaConfig.name, () => {
  it('runs on local defaults without any variable', () => {
    expect(loadMediaConfig({})).toMatchObject({
      service: 'media',
      db: { url: 'postgres://postgres@127.0.0.1:15432/im_media' },
      ops: { port: 9108 },
    });
  });

  it('lists every bad variable at once', () => {
    expect(() =>
      loadMediaConfig({ NATS_REQUEST_TIMEOUT_MS: 'soon', MEDIA_OPS_PORT: '70000' }),
    ).toThrow(ConfigError);
  });

  it('documents exactly its variables, with their defaults, in .env.example', () => {
    const example = readEnvFile(path.join(__dirname, '..', '.env.example'));

    expect(Object.keys(example).sort()).toEqual(Object.keys(mediaEnvSpec).sort());
    expect(loadMediaConfig(example)).toEqual({
      ...loadMediaConfig({}),
      nodeId: expect.any(String),
    });
  });
});
