import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import { profileEnvSpec, loadProfileConfig } from './profile.config';

describe(loadProfileConfig.name, () => {
  it('runs on local defaults without any variable', () => {
    expect(loadProfileConfig({})).toMatchObject({
      service: 'profile',
      db: { url: 'postgres://postgres@127.0.0.1:15432/im_profile' },
      ops: { port: 9102 },
    });
  });

  it('lists every bad variable at once', () => {
    expect(() =>
      loadProfileConfig({ NATS_REQUEST_TIMEOUT_MS: 'soon', PROFILE_OPS_PORT: '70000' }),
    ).toThrow(ConfigError);
  });

  it('documents exactly its variables, with their defaults, in .env.example', () => {
    const example = readEnvFile(path.join(__dirname, '..', '.env.example'));

    expect(Object.keys(example).sort()).toEqual(Object.keys(profileEnvSpec).sort());
    expect(loadProfileConfig(example)).toEqual({
      ...loadProfileConfig({}),
      nodeId: expect.any(String),
    });
  });
});
