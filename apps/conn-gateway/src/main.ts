import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { PinoNestLogger, serviceMain } from '@im/platform';

import { loadConnGatewayConfig } from './conn-gateway.config';
import { ConnGatewayModule } from './conn-gateway.module';

serviceMain({
  loadConfig: () => loadConnGatewayConfig(),
  start: async (config, logger) => {
    const app = await NestFactory.createApplicationContext(
      ConnGatewayModule.forRoot(config, logger),
      {
        logger: new PinoNestLogger(logger),
      },
    );
    await app.init();
    return app;
  },
});
