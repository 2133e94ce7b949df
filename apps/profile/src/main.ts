import 'reflect-metadata';

import { serviceMain, startMicroservice } from '@im/platform';

import { loadProfileConfig } from './profile.config';
import { ProfileModule } from './profile.module';

serviceMain({
  loadConfig: () => loadProfileConfig(),
  start: (config, logger) =>
    startMicroservice(ProfileModule.forRoot(config, logger), { config, logger }),
});
