import 'reflect-metadata';

import { serviceMain } from '@im/platform';

import { loadApiGatewayConfig } from './api-gateway.config';
import { startApiGateway } from './api-gateway.server';

serviceMain({
  loadConfig: () => loadApiGatewayConfig(),
  start: (config, logger) => startApiGateway(config, logger),
});
