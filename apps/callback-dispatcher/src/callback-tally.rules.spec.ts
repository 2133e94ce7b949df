import { addToTally, takeTallies } from './callback-tally.rules';
import type { Tally } from './callback-tally.rules';

describe(addToTally.name, () => {
  it('counts requests and answers per app and UTC day', () => {
    const tallies = new Map<string, Tally>();
    const evening = new Date('2026-12-07T23:59:59.900Z');
    const midnight = new Date('2026-12-08T00:00:00.100Z');

    addToTally(tallies, 1400000001, true, evening);
    addToTally(tallies, 1400000001, false, evening);
    addToTally(tallies, 1400000002, true, evening);
    addToTally(tallies, 1400000001, true, midnight);

    expect(takeTallies(tallies)).toEqual([
      { sdkAppId: 1400000001, day: '20261207', sent: 2, answered: 1 },
      { sdkAppId: 1400000002, day: '20261207', sent: 1, answered: 1 },
      { sdkAppId: 1400000001, day: '20261208', sent: 1, answered: 1 },
    ]);
    expect(takeTallies(tallies)).toEqual([]);
  });
});
