import path from 'node:path';

import { serviceConfig } from '@im/platform';
import type { ConfigOf } from '@im/platform';

import { messageTuningSpec } from './message-tuning.config';
import type { MessageTuning } from './message-tuning.config';

const message = serviceConfig('MESSAGE', {
  opsPort: 9105,
  database: { name: 'im_message', migrationsDir: path.join(__dirname, '..', 'migrations') },
  tuning: messageTuningSpec,
});

export const MESSAGE_SERVICE = message.service;

/** Every variable the message service reads (also checked against .env.example). */
export const messageEnvSpec = message.envSpec;

export type MessageConfig = ConfigOf<typeof message> & { tuning: MessageTuning };

export function loadMessageConfig(
  env: Record<string, string | undefined> = process.env,
): MessageConfig {
  const { config, tuning } = message.load(env);
  return { ...config, tuning };
}
