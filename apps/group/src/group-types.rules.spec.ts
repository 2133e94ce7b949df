import { BUILTIN_CAPABILITIES } from './group-types.rules';

describe('the built-in group-type rows', () => {
  it('Community is the Public row but for its name, free joining, size and visible history', () => {
    const { Public, Community } = BUILTIN_CAPABILITIES;
    const differing = Object.fromEntries(
      Object.entries(Community).filter(
        ([key, value]) => Public[key as keyof typeof Public] !== value,
      ),
    );
    expect(differing).toEqual({
      type: 'Community',
      baseType: 'Community',
      defaultApplyJoinOption: 'FreeAccess',
      memberLimit: 100000,
      preJoinHistoryVisible: true,
    });
    expect(Object.keys(Community)).toEqual(Object.keys(Public));
  });
});
