import { AccountLimits, ErrorCode } from '@im/contracts';

import { assertRobotCapacity, assertRobotId } from './robot.rules';

const robots = (n: number) => Array.from({ length: n }, (_, i) => `@RBT#${i}`);

describe(assertRobotId.name, () => {
  it('accepts a UserID that starts with @RBT#', () => {
    expect(() => assertRobotId('@RBT#jarvis')).not.toThrow();
  });

  it.each(['jarvis', '@rbt#jarvis', 'x@RBT#', '@RBT#'])('rejects %p with 10004', (id) => {
    expect(() => assertRobotId(id)).toThrow(
      expect.objectContaining({ code: ErrorCode.GroupInvalidParameter }),
    );
  });
});

describe(assertRobotCapacity.name, () => {
  it('allows the 20th robot and refuses the 21st with 10008', () => {
    expect(() =>
      assertRobotCapacity(robots(AccountLimits.robotsPerAppMax - 1), '@RBT#new'),
    ).not.toThrow();
    expect(() => assertRobotCapacity(robots(AccountLimits.robotsPerAppMax), '@RBT#new')).toThrow(
      expect.objectContaining({ code: ErrorCode.GroupIllegalRequest }),
    );
  });

  it('lets an existing robot be created again when the app is full (one robot per UserID)', () => {
    expect(() =>
      assertRobotCapacity(robots(AccountLimits.robotsPerAppMax), '@RBT#3'),
    ).not.toThrow();
  });
});
