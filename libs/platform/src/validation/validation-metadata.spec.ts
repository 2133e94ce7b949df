import { getMetadataStorage, IsInt, IsString, MaxLength, validateSync } from 'class-validator';

import { memoizeValidationMetadata } from './validation-metadata';

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @IsInt()
  age!: number;
}

const storage = getMetadataStorage();
const rulesOf = (target: new () => object) =>
  storage.getTargetValidationMetadatas(target, '', false, false, undefined);
const namesOf = (target: new () => object) =>
  rulesOf(target)
    .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
    .sort();

describe('memoizeValidationMetadata', () => {
  it('answers as class-validator does (inherited rules included), once per class, and sees rules added later', () => {
    const before = namesOf(Derived);
    expect(before).toEqual(['age:isInt', 'name:isString']);

    memoizeValidationMetadata();
    memoizeValidationMetadata();

    expect(namesOf(Derived)).toEqual(before);
    expect(rulesOf(Derived)).toBe(rulesOf(Derived));

    class Later extends Derived {
      @MaxLength(3)
      @IsString()
      nick!: string;
    }
    expect(namesOf(Later)).toEqual([
      'age:isInt',
      'name:isString',
      'nick:isString',
      'nick:maxLength',
    ]);
    expect(namesOf(Derived)).toEqual(before);

    const bad = Object.assign(new Later(), { name: 1, age: 'x', nick: 'toolong' });
    expect(
      validateSync(bad)
        .map((e) => e.property)
        .sort(),
    ).toEqual(['age', 'name', 'nick']);
    const good = Object.assign(new Later(), { name: 'n', age: 3, nick: 'abc' });
    expect(validateSync(good)).toEqual([]);
  });
});
