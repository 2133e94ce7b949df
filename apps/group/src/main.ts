import 'reflect-metadata';

import { serviceMain, startMicroservice } from '@im/platform';

import { loadGroupConfig } from './group.config';
import { GroupModule } from './group.module';

serviceMain({
  loadConfig: () => loadGroupConfig(),
  start: (config, logger) =>
    startMicroservice(GroupModule.forRoot(config, logger), { config, logger }),
});
