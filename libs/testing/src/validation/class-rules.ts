/**
 * The one walk of class-validator's metadata storage (and of class-transformer's `@Type`
 * storage) that the fuzzers' `classShape` and the differential tests' `PayloadSampler` read.
 */
import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-validator';

export type Cls = new () => object;

/** One decorator's rule on one property, as class-validator stores it. */
export type Rule = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/** class-transformer keeps `@Type` metadata in a storage its typings do not export. */
interface TypeStorage {
  findTypeMetadata(target: object, property: string): { typeFunction: () => unknown } | undefined;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TypeStorage;
};

/** Every rule of `cls` (inherited ones included), in declaration order. */
export function rulesOf(cls: Cls): Rule[] {
  return getMetadataStorage().getTargetValidationMetadatas(cls, '', false, false);
}

/** The rules of `cls` by property, properties in the order their first rule comes. */
export function rulesByProperty(cls: Cls): Map<string, Rule[]> {
  const byProperty = new Map<string, Rule[]>();
  for (const rule of rulesOf(cls)) {
    const rules = byProperty.get(rule.propertyName);
    if (rules) rules.push(rule);
    else byProperty.set(rule.propertyName, [rule]);
  }
  return byProperty;
}

/** The class a property's `@Type` names, if any. */
export function nestedClassOf(cls: Cls, property: string): Cls | undefined {
  const target = defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction();
  return typeof target === 'function' ? (target as Cls) : undefined;
}
