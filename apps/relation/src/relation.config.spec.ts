import path from 'node:path';

import { ConfigError } from '@im/platform';
import { readEnvFile } from '@im/testing';

import { relationEnvSpec, loadRelationConfig } from './relation.config';

describe(loadRelationConfig.name, () => {
  it('runs on local defaults without any variable', () => {
    expect(loadRelationConfig({})).toMatchObject({
      service: 'relation',
      db: { url: 'postgres://postgres@127.0.0.1:15432/im_relation' },
      ops: { port: 9103 },
    });
  });

  it('lists every bad variable at once', () => {
    expect(() =>
      loadRelationConfig({ NATS_REQUEST_TIMEOUT_MS: 'soon', RELATION_OPS_PORT: '70000' }),
    ).toThrow(ConfigError);
  });

  it('documents exactly its variables, with their defaults, in .env.example', () => {
    const example = readEnvFile(path.join(__dirname, '..', '.env.example'));

    expect(Object.keys(example).sort()).toEqual(Object.keys(relationEnvSpec).sort());
    expect(loadRelationConfig(example)).toEqual({
      ...loadRelationConfig({}),
      nodeId: expect.any(String),
    });
  });
});
