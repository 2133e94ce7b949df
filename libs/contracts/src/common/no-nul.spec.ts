import { validateSync } from 'class-validator';

import { NoNul } from './no-nul';

class Named {
  @NoNul()
  name?: unknown;
}

const problems = (name: unknown) => {
  const value = new Named();
  value.name = name;
  return validateSync(value).map((e) => Object.values(e.constraints ?? {}).join());
};

describe('NoNul', () => {
  it('refuses a string holding U+0000 anywhere', () => {
    expect(problems('a\u0000')).toEqual(['name may not contain U+0000']);
    expect(problems('\u0000')).toHaveLength(1);
  });

  it('accepts other strings, other control characters and non-strings', () => {
    expect(problems('')).toEqual([]);
    expect(problems('tab\there \u4e2d \u0001')).toEqual([]);
    expect(problems(undefined)).toEqual([]);
    expect(problems(3)).toEqual([]);
  });
});
