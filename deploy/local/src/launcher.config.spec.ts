import { serviceSpec } from '@im/testing';

import { gatewayInstances, loadLauncherConfig, opsPortOf } from './launcher.config';

describe('launcher config', () => {
  it('runs one conn-gateway per CPU core by default', () => {
    expect(gatewayInstances(0, 8)).toBe(8);
    expect(gatewayInstances(0, 0)).toBe(1);
  });

  it('takes an explicit gateway count', () => {
    const config = loadLauncherConfig('/repo', [], { IM_CONN_GATEWAY_INSTANCES: '3' });

    expect(config.instances).toEqual({ 'conn-gateway': 3 });
  });

  it('refuses a negative count', () => {
    expect(() => gatewayInstances(-1)).toThrow(/IM_CONN_GATEWAY_INSTANCES/);
  });

  it('runs two processes of every service with --cluster', () => {
    const config = loadLauncherConfig('/repo', ['--cluster'], { IM_CONN_GATEWAY_INSTANCES: '1' });

    expect(config.cluster).toBe(true);
    expect(config.instances).toMatchObject({ account: 2, message: 2, 'api-gateway': 2 });
    expect(config.instances['conn-gateway']).toBe(2);
  });

  it('gives every process its own ops port', () => {
    const ports = ['api-gateway', 'account', 'message', 'conn-gateway'].flatMap((name) =>
      [0, 1, 2].map((i) => opsPortOf(9100, serviceSpec(name), i)),
    );

    expect(ports).toEqual([9100, 9200, 9300, 9101, 9201, 9301, 9105, 9205, 9305, 9110, 9111, 9112]);
    expect(new Set(ports).size).toBe(ports.length);
  });
});
