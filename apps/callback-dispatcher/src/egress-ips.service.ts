import { Inject, Injectable } from '@nestjs/common';
import { networkInterfaces } from 'node:os';

import type { EgressIpsReply } from '@im/contracts';

import type { CallbackTuning } from './callback-dispatcher.config';
import { CALLBACK_TUNING } from './callback-dispatcher.tokens';
import { hostIps } from './egress-ips.rules';

/**
 * The addresses app backends see callbacks come from (ConfigSvc/GetIPList): the ones written
 * in `CALLBACK_DISPATCHER_EGRESS_IPS`, or with `host` (the default) those of the host this
 * instance runs on. The dispatcher is the one service that calls app backends, so its host is
 * the one to allow; instances on several hosts, or behind NAT, need the variable set to every
 * egress address.
 */
@Injectable()
export class EgressIpsService {
  constructor(@Inject(CALLBACK_TUNING) private readonly tuning: CallbackTuning) {}

  egressIps(): EgressIpsReply {
    const setting = this.tuning.egressIps;
    return { ips: setting === 'host' ? hostIps(networkInterfaces()) : [...setting] };
  }
}
