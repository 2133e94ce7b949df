import 'reflect-metadata';

import { serviceMain, startMicroservice } from '@im/platform';

import { loadRelationConfig } from './relation.config';
import { RelationModule } from './relation.module';

serviceMain({
  loadConfig: () => loadRelationConfig(),
  start: (config, logger) =>
    startMicroservice(RelationModule.forRoot(config, logger), { config, logger }),
});
