import 'reflect-metadata';

import { serviceMain } from '@im/platform';

import { loadMediaConfig } from './media.config';
import { startMediaServer } from './media.server';

serviceMain({
  loadConfig: () => loadMediaConfig(),
  start: (config, logger) => startMediaServer(config, logger),
});
