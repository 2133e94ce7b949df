import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import { groupEnvSpec, loadGroupConfig } from './group.config';

describe(loadGroupConfig.name, () => {
  it('runs on local defaults without any variable', () => {
    expect(loadGroupConfig({})).toMatchObject({
      service: 'group',
      db: { url: 'postgres://postgres@127.0.0.1:15432/im_group' },
      ops: { port: 9104 },
    });
  });

  it('lists every bad variable at once', () => {
    expect(() =>
      loadGroupConfig({ NATS_REQUEST_TIMEOUT_MS: 'soon', GROUP_OPS_PORT: '70000' }),
    ).toThrow(ConfigError);
  });

  it('documents exactly its variables, with their defaults, in .env.example', () => {
    const example = readEnvFile(path.join(__dirname, '..', '.env.example'));

    expect(Object.keys(example).sort()).toEqual(Object.keys(groupEnvSpec).sort());
    expect(loadGroupConfig(example)).toEqual({
      ...loadGroupConfig({}),
      nodeId: expect.any(String),
    });
  });
});
