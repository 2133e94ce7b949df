import 'reflect-metadata';

import { serviceMain, startMicroservice } from '@im/platform';

import { loadCallbackDispatcherConfig } from './callback-dispatcher.config';
import { CallbackDispatcherModule } from './callback-dispatcher.module';

serviceMain({
  loadConfig: () => loadCallbackDispatcherConfig(),
  start: (config, logger) =>
    startMicroservice(CallbackDispatcherModule.forRoot(config, logger), { config, logger }),
});
