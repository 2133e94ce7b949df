import { gatewayInstances, loadLauncherConfig } from './launcher.config';

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
});
