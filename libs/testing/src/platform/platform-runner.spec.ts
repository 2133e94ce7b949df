import { instanceName, PLATFORM_SERVICES } from './platform-services';
import { startStages } from './platform-runner';

describe('startStages', () => {
  it('starts account alone first, then every other process together in catalogue order', () => {
    const processes = PLATFORM_SERVICES.flatMap((s) =>
      Array.from({ length: s.scalable ? 2 : 1 }, (_, i) => ({
        name: instanceName(s.name, i),
        service: s.name,
      })),
    );

    const stages = startStages(processes).map((stage) => stage.map((p) => p.name));

    expect(stages[0]).toEqual(['account']);
    expect(stages).toHaveLength(2);
    expect(stages[1]).toEqual(processes.map((p) => p.name).filter((n) => n !== 'account'));
    expect(stages[1]).toEqual(expect.arrayContaining(['conn-gateway', 'conn-gateway-2']));
  });

  it('leaves out an empty stage', () => {
    const group = { name: 'group', service: 'group' };
    const account = { name: 'account', service: 'account' };
    expect(startStages([group])).toEqual([[group]]);
    expect(startStages([account])).toEqual([[account]]);
  });
});
