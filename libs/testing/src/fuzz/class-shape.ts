import { nestedClassOf, rulesByProperty } from '../validation/class-rules';
import type { Cls, Rule } from '../validation/class-rules';

/** What a fuzzer knows of one field of a validated class, read from its decorators. */
export interface FieldShape {
  name: string;
  optional: boolean;
  kind: 'string' | 'int' | 'number' | 'boolean' | 'array' | 'object' | 'nested' | 'any';
  /** Allowed values (`@IsIn`). */
  allowed?: unknown[];
  min?: number;
  max?: number;
  /** The shape of a nested object or of the items of an array of nested objects. */
  nested?: ClassShape;
  /** For arrays: whether items are strings, ints, nested objects. */
  each?: FieldShape['kind'];
}

/** The fields of a REST DTO or a bus contract class. */
export interface ClassShape {
  name: string;
  fields: FieldShape[];
}

const KindOf: Record<string, FieldShape['kind']> = {
  isString: 'string',
  isUserId: 'string',
  isGroupId: 'string',
  utf8Bytes: 'string',
  maxLength: 'string',
  isNotEmpty: 'string',
  isInt: 'int',
  isNumber: 'number',
  isBoolean: 'boolean',
  isArray: 'array',
  isObject: 'object',
};

/** The fields of `cls` and of the classes it nests, to `depth` levels. */
export function classShape(cls: Cls, depth = 4): ClassShape {
  const fields = [...rulesByProperty(cls)].map(([name, rules]) => {
    const f: FieldShape = { name, optional: false, kind: 'any' };
    for (const rule of rules) readRule(f, rule, cls, depth);
    return f;
  });
  return { name: cls.name, fields };
}

/** What one rule tells of its field. */
function readRule(f: FieldShape, m: Rule, cls: Cls, depth: number): void {
  const rule = m.name ?? m.type;
  if (m.type === 'conditionalValidation') f.optional = true;
  if (m.type === 'nestedValidation' && depth > 0) {
    const nested = nestedClassOf(cls, m.propertyName);
    if (nested) f.nested = classShape(nested, depth - 1);
    if (f.kind === 'any') f.kind = 'nested';
    if (m.each) f.each = 'nested';
  }
  const kind = KindOf[rule];
  if (kind) {
    if (m.each && kind !== 'array') f.each = kind;
    else if (f.kind === 'any' || f.kind === 'nested' || kind === 'array') f.kind = kind;
  }
  const c = m.constraints as unknown[] | undefined;
  if (rule === 'isIn' && Array.isArray(c?.[0])) f.allowed = c[0] as unknown[];
  if (rule === 'min' && typeof c?.[0] === 'number') f.min = c[0];
  if (rule === 'max' && typeof c?.[0] === 'number') f.max = c[0];
}
