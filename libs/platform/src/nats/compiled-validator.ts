import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationArguments } from 'class-validator';

/** `TransformationType.PLAIN_TO_CLASS`. */
const PLAIN_TO_CLASS = 0;

/** The kinds of rule a compiled validator evaluates; a class with any other takes the full path. */
const COMPILED_RULE_TYPES: ReadonlySet<string> = new Set([
  'customValidation',
  'conditionalValidation',
  'isDefined',
  'nestedValidation',
  'whitelistValidation',
]);

/** Keys the Nest pipe strips from every object of a payload (prototype pollution). */
const PROTO_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

type Cls = new () => object;

/** What class-validator keeps of one rule (the fields read here; not all in its public types). */
interface RuleMetadata {
  type: string;
  propertyName: string;
  constraintCls: unknown;
  constraints: unknown[];
  each?: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface ConstraintMetadata {
  async: boolean;
  instance: { validate(value: unknown, args: ValidationArguments): unknown };
}

interface Check {
  metadata: RuleMetadata;
  constraints: ConstraintMetadata[];
}

interface PropertyPlan {
  property: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  /** `@IsDefined` first, then the other constraints (class-validator's order). */
  checks: Check[];
  /** `@ValidateNested`: the class each nested object is built as (`@Type`). */
  nested?: () => Cls;
}

interface ClassPlan {
  cls: Cls;
  properties: Map<string, PropertyPlan>;
}

/** The payload cannot be answered here; the full validation decides (and words the error). */
const FULL_PATH = Symbol('full path');

/**
 * A contract class's rules laid out once, for the payloads the validation pipe sees most:
 * `accept(plain)` returns what the pipe (`whitelist`, `transform`: class-transformer's
 * `plainToInstance` and class-validator's `validate`) would return for a payload it accepts —
 * an instance of the class holding the class's own properties only, nested objects built as
 * their `@Type` class, other values copied — and undefined for anything else: a payload the
 * rules refuse, or one that is not plain JSON data. The pipe then runs the full validation,
 * which gives the same verdict with its error messages, so only acceptance needs to agree;
 * the differential spec holds the two to the same answers over generated payloads.
 *
 * Compiled only for classes whose rules are all synchronous constraints, conditions
 * (`@IsOptional`, `@ValidateIf`), `@IsDefined`, `@Allow` and `@ValidateNested` of a `@Type`
 * class that compiles too, and that convert nothing else (no `@Transform`, `@Expose`,
 * `@Exclude`, `@Type` of a plain property): `compileValidator` returns undefined otherwise.
 */
export class CompiledValidator {
  private constructor(private readonly plan: ClassPlan) {}

  /** The pipe's result for a payload it accepts; undefined when the full path must decide. */
  accept(plain: unknown): object | undefined {
    if (!isPlainObject(plain)) return undefined;
    const out = build(this.plan, plain);
    if (out === FULL_PATH || !valid(this.plan, out)) return undefined;
    return out;
  }

  /** @internal */
  static of(plan: ClassPlan): CompiledValidator {
    return new CompiledValidator(plan);
  }
}

const plans = new Map<Cls, ClassPlan | null>();

/** The compiled validator of a class, or undefined when its rules need the full path. */
export function compileValidator(cls: Cls): CompiledValidator | undefined {
  const plan = planOf(cls, new Set());
  return plan ? CompiledValidator.of(plan) : undefined;
}

function planOf(cls: Cls, visiting: Set<Cls>): ClassPlan | null {
  const known = plans.get(cls);
  if (known !== undefined) return known;
  if (visiting.has(cls)) return null; // a cycle: left to the full path
  visiting.add(cls);
  const plan = makePlan(cls, visiting);
  visiting.delete(cls);
  plans.set(cls, plan);
  return plan;
}

function makePlan(cls: Cls, visiting: Set<Cls>): ClassPlan | null {
  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas(...args: unknown[]): RuleMetadata[];
    getTargetValidatorConstraints(cls: unknown): ConstraintMetadata[];
  };
  const rules = storage.getTargetValidationMetadatas(cls, undefined, false, false, undefined);
  if (rules.length === 0 || rules.some((r) => !COMPILED_RULE_TYPES.has(r.type))) return null;
  if (hasExposeOrExclude(cls)) return null;
  const byProperty = new Map<string, RuleMetadata[]>();
  for (const rule of rules) {
    const list = byProperty.get(rule.propertyName) ?? [];
    list.push(rule);
    byProperty.set(rule.propertyName, list);
  }
  const properties = new Map<string, PropertyPlan>();
  for (const [property, list] of byProperty) {
    if (PROTO_KEYS.has(property) || transforms(cls, property)) return null;
    const typeMetadata = transformerStorage.findTypeMetadata(cls, property) as
      | { typeFunction: (options?: unknown) => unknown; options?: { discriminator?: unknown } }
      | undefined;
    const nestedRules = list.filter((r) => r.type === 'nestedValidation');
    let nested: (() => Cls) | undefined;
    if (nestedRules.length > 0) {
      if (!typeMetadata || typeMetadata.options?.discriminator) return null;
      const target = typeMetadata.typeFunction() as Cls;
      if (typeof target !== 'function' || !planOf(target, visiting)) return null;
      nested = () => target;
    } else if (typeMetadata) return null;
    const checks: Check[] = [];
    for (const type of ['isDefined', 'customValidation']) {
      for (const metadata of list.filter((r) => r.type === type)) {
        const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
        if (constraints.some((c) => c.async)) return null;
        checks.push({ metadata, constraints });
      }
    }
    properties.set(property, {
      property,
      conditions: list
        .filter((r) => r.type === 'conditionalValidation')
        .map((r) => r.constraints[0] as (object: object, value: unknown) => boolean),
      checks,
      nested,
    });
  }
  return { cls, properties };
}

/** class-transformer's record of a conversion for the property (`@Transform`). */
function transforms(cls: Cls, property: string): boolean {
  for (let target: unknown = cls; typeof target === 'function';) {
    if (transformerStorage.findTransformMetadatas(target, property, PLAIN_TO_CLASS).length > 0)
      return true;
    const parent: unknown = Object.getPrototypeOf(target);
    target = parent === Function.prototype ? undefined : parent;
  }
  return false;
}

function hasExposeOrExclude(cls: Cls): boolean {
  const storage = transformerStorage as unknown as {
    getExposedMetadatas(target: unknown): unknown[];
    getExcludedMetadatas(target: unknown): unknown[];
    getStrategy(target: unknown): string;
  };
  return (
    storage.getExposedMetadatas(cls).length > 0 ||
    storage.getExcludedMetadatas(cls).length > 0 ||
    storage.getStrategy(cls) !== 'none'
  );
}

/** An object of JSON data: its prototype is `Object.prototype` (of any realm) or none. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * `plainToInstance` followed by the whitelist: a new instance of the class with the payload's
 * own keys that have rules (in the payload's order; anything the constructor set that has no
 * rule removed), nested `@ValidateNested` objects built alike, other values copied.
 */
function build(plan: ClassPlan, plain: Record<string, unknown>): object | typeof FULL_PATH {
  const out = new plan.cls() as Record<string, unknown>;
  for (const key of Object.keys(out)) if (!plan.properties.has(key)) delete out[key];
  for (const key of Object.keys(plain)) {
    const property = plan.properties.get(key);
    if (!property) continue;
    const value = plain[key];
    const copied = property.nested ? buildNested(property.nested(), value) : copy(value);
    if (copied === FULL_PATH) return FULL_PATH;
    out[key] = copied;
  }
  return out;
}

/** A `@ValidateNested` value: an object or an array of objects, else the full path. */
function buildNested(cls: Cls, value: unknown): unknown {
  const plan = plans.get(cls);
  if (!plan) return FULL_PATH;
  if (isPlainObject(value)) return build(plan, value);
  if (!Array.isArray(value)) return FULL_PATH;
  const items: unknown[] = [];
  for (const item of value as unknown[]) {
    if (!isPlainObject(item)) return FULL_PATH;
    const built = build(plan, item);
    if (built === FULL_PATH) return FULL_PATH;
    items.push(built);
  }
  return items;
}

/**
 * A copy of JSON data as class-transformer copies it; a key that names a prototype
 * (`__proto__`, `prototype`, `constructor`) is left to the full path (the Nest pipe strips
 * them first, a plain `plainToInstance` would not).
 */
function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value as unknown[]) {
      const copied = copy(item);
      if (copied === FULL_PATH) return FULL_PATH;
      items.push(copied);
    }
    return items;
  }
  if (!isPlainObject(value)) return FULL_PATH;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (PROTO_KEYS.has(key)) return FULL_PATH;
    const copied = copy(value[key]);
    if (copied === FULL_PATH) return FULL_PATH;
    out[key] = copied;
  }
  return out;
}

/** class-validator's verdict on a built instance (no error at all). */
function valid(plan: ClassPlan, object: object): boolean {
  for (const property of plan.properties.values()) {
    const value = (object as Record<string, unknown>)[property.property];
    let applies = true;
    for (const condition of property.conditions) applies = condition(object, value) && applies;
    if (!applies) continue;
    for (const check of property.checks) if (!passes(plan, object, value, check)) return false;
    if (property.nested && !validNested(value)) return false;
  }
  return true;
}

function validNested(value: unknown): boolean {
  if (value === undefined) return true;
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) return false;
    const plan = plans.get(item.constructor as Cls);
    if (!plan || !valid(plan, item)) return false;
  }
  return true;
}

function passes(plan: ClassPlan, object: object, value: unknown, check: Check): boolean {
  const { metadata } = check;
  if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
  for (const constraint of check.constraints) {
    const args: ValidationArguments = {
      targetName: plan.cls.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    if (metadata.each && Array.isArray(value)) {
      for (const item of value as unknown[])
        if (!isValid(constraint.instance.validate(item, args))) return false;
    } else if (!isValid(constraint.instance.validate(value, args))) return false;
  }
  return true;
}

/** A promise (an asynchronous answer) is not decided here: treated as a refusal (full path). */
function isValid(result: unknown): boolean {
  return !(result instanceof Promise) && Boolean(result);
}
