import 'reflect-metadata';

import { serviceMain, startMicroservice } from '@im/platform';

import { loadPushConfig } from './push.config';
import { PushModule } from './push.module';

serviceMain({
  loadConfig: () => loadPushConfig(),
  start: (config, logger) =>
    startMicroservice(PushModule.forRoot(config, logger), { config, logger }),
});
