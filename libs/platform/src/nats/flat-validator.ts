import { getMetadataStorage } from 'class-validator';
import type { ValidationArguments } from 'class-validator';

/** The kinds of rule a flat validator evaluates; a class with any other is validated by class-validator. */
export const FLAT_RULE_TYPES: ReadonlySet<string> = new Set([
  'customValidation',
  'conditionalValidation',
  'isDefined',
]);

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
  name?: string;
  async: boolean;
  instance: { validate(value: unknown, args: ValidationArguments): unknown };
}

interface Rule {
  metadata: RuleMetadata;
  constraints: ConstraintMetadata[];
}

interface PropertyPlan {
  property: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  defined: Rule[];
  custom: Rule[];
}

/**
 * The rules of a flat class (no nested validation, no conversion) laid out once per class:
 * per property its conditions (`@IsOptional`, `@ValidateIf`), `@IsDefined` and its
 * constraints, evaluated in class-validator's order with its verdicts (`validateSync`,
 * `forbidUnknownValues: false`, asynchronous constraints ignored). class-validator regroups
 * and refilters a class's rules on every call, which is most of the cost of checking an
 * event at receipt; the differential spec holds the two to the same answers.
 */
export class FlatValidator {
  private readonly plan: PropertyPlan[];

  constructor(private readonly cls: new () => object) {
    const storage = getMetadataStorage() as unknown as {
      getTargetValidationMetadatas(...args: unknown[]): RuleMetadata[];
      getTargetValidatorConstraints(cls: unknown): ConstraintMetadata[];
    };
    const byProperty = new Map<string, RuleMetadata[]>();
    for (const rule of storage.getTargetValidationMetadatas(
      cls,
      undefined,
      false,
      false,
      undefined,
    )) {
      const list = byProperty.get(rule.propertyName) ?? [];
      list.push(rule);
      byProperty.set(rule.propertyName, list);
    }
    const ruleOf = (metadata: RuleMetadata): Rule => ({
      metadata,
      constraints: storage
        .getTargetValidatorConstraints(metadata.constraintCls)
        .filter((c) => !c.async),
    });
    this.plan = [...byProperty].map(([property, rules]) => ({
      property,
      conditions: rules
        .filter((r) => r.type === 'conditionalValidation')
        .map((r) => r.constraints[0] as (object: object, value: unknown) => boolean),
      defined: rules.filter((r) => r.type === 'isDefined').map(ruleOf),
      custom: rules.filter((r) => r.type === 'customValidation').map(ruleOf),
    }));
  }

  /** `property: rule` for each rule the object breaks, in class-validator's order. */
  problems(object: object): string[] {
    const lines: string[] = [];
    for (const plan of this.plan) {
      const value = (object as Record<string, unknown>)[plan.property];
      let applies = true;
      for (const condition of plan.conditions) applies = condition(object, value) && applies;
      if (!applies) continue;
      const broken: string[] = [];
      this.check(object, value, plan.defined, broken);
      this.check(object, value, plan.custom, broken);
      for (const rule of broken) lines.push(`${plan.property}: ${rule}`);
    }
    return lines;
  }

  private check(object: object, value: unknown, rules: Rule[], broken: string[]): void {
    for (const { metadata, constraints } of rules) {
      if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
      for (const constraint of constraints) {
        const args: ValidationArguments = {
          targetName: this.cls.name,
          property: metadata.propertyName,
          object,
          value,
          constraints: metadata.constraints,
        };
        const items = metadata.each ? collectionItems(value) : undefined;
        const valid = items
          ? items.every((item) => isValidResult(constraint.instance.validate(item, args)))
          : isValidResult(constraint.instance.validate(value, args));
        const type = constraint.name || metadata.type;
        if (!valid && !broken.includes(type)) broken.push(type);
      }
    }
  }
}

/** An asynchronous answer does not count in a synchronous validation (as in validateSync). */
function isValidResult(result: unknown): boolean {
  return result instanceof Promise ? true : Boolean(result);
}

function collectionItems(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  if (value instanceof Set) return [...(value as Set<unknown>)];
  if (value instanceof Map) return [...(value as Map<unknown, unknown>).values()];
  return undefined;
}
