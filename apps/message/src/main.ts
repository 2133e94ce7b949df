import 'reflect-metadata';

import { serviceMain, startMicroservice } from '@im/platform';

import { loadMessageConfig } from './message.config';
import { MessageModule } from './message.module';

serviceMain({
  loadConfig: () => loadMessageConfig(),
  start: (config, logger) =>
    startMicroservice(MessageModule.forRoot(config, logger), { config, logger }),
});
