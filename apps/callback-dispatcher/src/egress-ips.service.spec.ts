import { networkInterfaces } from 'node:os';

import type { CallbackTuning } from './callback-dispatcher.config';
import { hostIps } from './egress-ips.rules';
import { EgressIpsService } from './egress-ips.service';

describe(EgressIpsService.name, () => {
  const sut = (egressIps: CallbackTuning['egressIps']) =>
    new EgressIpsService({ egressIps } as CallbackTuning);

  it('answers the configured addresses', () => {
    expect(sut(['203.0.113.7', '2001:db8::7']).egressIps()).toEqual({
      ips: ['203.0.113.7', '2001:db8::7'],
    });
  });

  it("answers this host's addresses by default", () => {
    expect(sut('host').egressIps()).toEqual({ ips: hostIps(networkInterfaces()) });
  });
});
