import { instanceName, PLATFORM_SERVICES } from './platform-services';
import { startStages } from './platform-runner';

describe('startStages', () => {
  it('starts the account processes first, then every other process together in catalogue order', () => {
    const processes = PLATFORM_SERVICES.flatMap((s) =>
      Array.from({ length: 2 }, (_, i) => ({
        name: instanceName(s.name, i),
        service: s.name,
      })),
    );

    const stages = startStages(processes).map((stage) => stage.map((p) => p.name));

    expect(stages[0]).toEqual(['account', 'account-2']);
    expect(stages).toHaveLength(2);
    expect(stages[1]).toEqual(processes.map((p) => p.name).filter((n) => !n.startsWith('account')));
    expect(stages[1]).toEqual(
      expect.arrayContaining(['conn-gateway', 'conn-gateway-2', 'message-2']),
    );
  });

  it('leaves out an empty stage', () => {
    const group = { name: 'group', service: 'group' };
    const account = { name: 'account', service: 'account' };
    expect(startStages([group])).toEqual([[group]]);
    expect(startStages([account])).toEqual([[account]]);
  });
});
