import { getMetadataStorage } from 'class-validator';

/** class-transformer keeps `@Type` metadata in a storage its typings do not export. */
interface TypeStorage {
  findTypeMetadata(target: object, property: string): { typeFunction: () => unknown } | undefined;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TypeStorage;
};

/** What the fuzzer knows of one DTO field, read from its class-validator decorators. */
export interface FieldShape {
  name: string;
  optional: boolean;
  kind: 'string' | 'int' | 'number' | 'boolean' | 'array' | 'object' | 'nested' | 'any';
  /** Allowed values (`@IsIn`). */
  allowed?: unknown[];
  min?: number;
  max?: number;
  /** The element shape of a nested object or of an array of nested objects. */
  nested?: DtoShape;
  /** For arrays: whether items are strings, ints, nested objects. */
  each?: FieldShape['kind'];
}

export interface DtoShape {
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

/** The fields of `dto` and of the classes it nests, to `depth` levels. */
export function dtoShape(dto: new () => object, depth = 4): DtoShape {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byField = new Map<string, FieldShape>();
  const field = (name: string): FieldShape => {
    let f = byField.get(name);
    if (!f) {
      f = { name, optional: false, kind: 'any' };
      byField.set(name, f);
    }
    return f;
  };
  for (const m of metas) {
    const f = field(m.propertyName);
    const rule = m.name ?? m.type;
    if (m.type === 'conditionalValidation') f.optional = true;
    if (m.type === 'nestedValidation' && depth > 0) {
      const type = defaultMetadataStorage.findTypeMetadata(dto, m.propertyName);
      const nested = type?.typeFunction() as (new () => object) | undefined;
      if (nested) f.nested = dtoShape(nested, depth - 1);
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
  return { name: dto.name, fields: [...byField.values()] };
}
