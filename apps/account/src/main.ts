import 'reflect-metadata';

import { serviceMain, startMicroservice } from '@im/platform';

import { loadAccountConfig } from './account.config';
import { AccountModule } from './account.module';

serviceMain({
  loadConfig: () => loadAccountConfig(),
  start: (config, logger) =>
    startMicroservice(AccountModule.forRoot(config, logger), { config, logger }),
});
