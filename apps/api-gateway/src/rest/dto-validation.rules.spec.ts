import 'reflect-metadata';

import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { RestFailure } from './envelope.mapper';
import { applyAliases, validateDto } from './dto-validation.rules';
import { withCode } from './rest-command.model';

const FALLBACK = 11;
const NAME_TOO_LONG = 22;
const TOO_MANY = 33;
const ITEM_NOT_STRING = 44;

class ItemDto {
  @IsString()
  Name!: string;

  @IsOptional()
  @IsInt()
  Size?: number;
}

class SampleDto {
  @MaxLength(5, withCode(NAME_TOO_LONG))
  @IsString()
  Name!: string;

  @IsOptional()
  @ArrayMaxSize(2, withCode(TOO_MANY))
  @IsString(withCode(ITEM_NOT_STRING, true))
  @IsArray()
  Tags?: string[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  @IsArray()
  Items?: ItemDto[];
}

/** The RestFailure `fn` throws. */
function failureOf(fn: () => unknown): RestFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof RestFailure) return err;
    throw err;
  }
  throw new Error('expected a RestFailure');
}

describe(applyAliases.name, () => {
  const aliases = { Identifier: 'UserID' };

  it('copies an old field name to the current one', () => {
    expect(applyAliases({ Identifier: 'u1' }, aliases)).toEqual({
      Identifier: 'u1',
      UserID: 'u1',
    });
  });

  it('keeps the current name when both are given', () => {
    expect(applyAliases({ Identifier: 'old', UserID: 'new' }, aliases).UserID).toBe('new');
  });

  it('copies falsy values that are present', () => {
    expect(applyAliases({ Identifier: '' }, aliases).UserID).toBe('');
  });

  it('does nothing without the alias or without aliases', () => {
    expect(applyAliases({ Nick: 'n' }, aliases)).toEqual({ Nick: 'n' });
    const body = { Identifier: 'u1' };
    expect(applyAliases(body)).toBe(body);
  });

  it('does not change the parsed body', () => {
    const body = { Identifier: 'u1' };
    applyAliases(body, aliases);
    expect(body).toEqual({ Identifier: 'u1' });
  });
});

describe(validateDto.name, () => {
  it('returns an instance of the DTO for a valid body', () => {
    const sut = validateDto(SampleDto, { Name: 'abc', Tags: ['x'] }, FALLBACK);
    expect(sut).toBeInstanceOf(SampleDto);
    expect(sut).toEqual({ Name: 'abc', Tags: ['x'] });
  });

  it('drops unknown fields instead of refusing them', () => {
    const sut = validateDto(SampleDto, { Name: 'abc', Extra: 1 }, FALLBACK);
    expect(sut).not.toHaveProperty('Extra');
  });

  it('drops unknown fields of nested objects', () => {
    const sut = validateDto(SampleDto, { Name: 'a', Items: [{ Name: 'i', X: 1 }] }, FALLBACK);
    expect(sut.Items?.[0]).toBeInstanceOf(ItemDto);
    expect(sut.Items?.[0]).not.toHaveProperty('X');
  });

  it('does not convert types (a number is not a string)', () => {
    expect(failureOf(() => validateDto(SampleDto, { Name: 5 }, FALLBACK)).code).toBe(FALLBACK);
    const nested = { Name: 'a', Items: [{ Name: 'i', Size: '1' }] };
    expect(failureOf(() => validateDto(SampleDto, nested, FALLBACK)).message).toBe(
      'Items.0.Size must be an integer number',
    );
  });

  it('answers the fallback code for a rule without withCode', () => {
    const sut = failureOf(() => validateDto(SampleDto, {}, FALLBACK));
    expect(sut.code).toBe(FALLBACK);
    expect(sut.message).toMatch(/^Name /);
  });

  it('answers the code the broken decorator names with withCode', () => {
    expect(failureOf(() => validateDto(SampleDto, { Name: 'abcdef' }, FALLBACK)).code).toBe(
      NAME_TOO_LONG,
    );
    expect(
      failureOf(() => validateDto(SampleDto, { Name: 'a', Tags: ['a', 'b', 'c'] }, FALLBACK)).code,
    ).toBe(TOO_MANY);
  });

  it('answers the code of an `each` rule for a bad item', () => {
    expect(failureOf(() => validateDto(SampleDto, { Name: 'a', Tags: ['a', 1] }, 0)).code).toBe(
      ITEM_NOT_STRING,
    );
  });

  it('reports the first broken rule of a property, in the order they run (bottom-up)', () => {
    // A string is not an array: the type check (last line, runs first) decides, not the size.
    expect(failureOf(() => validateDto(SampleDto, { Name: 'a', Tags: 'abc' }, FALLBACK)).code).toBe(
      FALLBACK,
    );
    // A 6-character number breaks IsString first: the fallback, not NAME_TOO_LONG.
    expect(failureOf(() => validateDto(SampleDto, { Name: 123456 }, FALLBACK)).code).toBe(FALLBACK);
  });

  it('names the full path of a nested field in the message', () => {
    const sut = failureOf(() =>
      validateDto(SampleDto, { Name: 'a', Items: [{ Name: 'i' }, { Name: 7 }] }, FALLBACK),
    );
    expect(sut.code).toBe(FALLBACK);
    expect(sut.message).toBe('Items.1.Name must be a string');
  });

  it('names the item when a nested array holds something that is not an object', () => {
    const sut = failureOf(() => validateDto(SampleDto, { Name: 'a', Items: ['x'] }, FALLBACK));
    expect(sut.code).toBe(FALLBACK);
    expect(sut.message).toMatch(/^Items\.0: /);
  });

  it('keeps the message of a top-level field as class-validator words it', () => {
    const sut = failureOf(() => validateDto(SampleDto, { Name: 'abcdef' }, FALLBACK));
    expect(sut.message).toBe('Name must be shorter than or equal to 5 characters');
  });
});
