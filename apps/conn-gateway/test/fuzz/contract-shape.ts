import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { getMetadataStorage } from 'class-validator';

import * as contracts from '@im/contracts';
import { ClientCommands } from '@im/contracts';

/** class-transformer keeps `@Type` metadata in a storage its typings do not export. */
interface TypeStorage {
  findTypeMetadata(target: object, property: string): { typeFunction: () => unknown } | undefined;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TypeStorage;
};

/** What the fuzzer knows of one contract field, read from its class-validator decorators. */
export interface FieldShape {
  name: string;
  optional: boolean;
  kind: 'string' | 'int' | 'number' | 'boolean' | 'array' | 'object' | 'nested' | 'any';
  allowed?: unknown[];
  min?: number;
  max?: number;
  nested?: ContractShape;
  each?: FieldShape['kind'];
}

export interface ContractShape {
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
export function contractShape(cls: new () => object, depth = 4): ContractShape {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const byField = new Map<string, FieldShape>();
  const field = (name: string): FieldShape => {
    let f = byField.get(name);
    if (!f) byField.set(name, (f = { name, optional: false, kind: 'any' }));
    return f;
  };
  for (const m of metas) {
    const f = field(m.propertyName);
    const rule = m.name ?? m.type;
    if (m.type === 'conditionalValidation') f.optional = true;
    if (m.type === 'nestedValidation' && depth > 0) {
      const type = defaultMetadataStorage.findTypeMetadata(cls, m.propertyName);
      const nested = type?.typeFunction() as (new () => object) | undefined;
      if (nested) f.nested = contractShape(nested, depth - 1);
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
  return { name: cls.name, fields: [...byField.values()] };
}

/**
 * The request class of every client command: `ClientCommands` names the subject, the owners'
 * `*.subject-map.ts` files tie each subject to its request class (`[MessageRpc.SendC2c]:
 * Rpc<SendC2cRequest, ...>`), and `@im/contracts` exports the class. Read from the sources,
 * so a new command is fuzzed without a change here.
 */
export function clientCommandShapes(): { cmd: string; shape: ContractShape }[] {
  const root = path.resolve(__dirname, '../../../../libs/contracts/src');
  const exported = contracts as unknown as Record<string, unknown>;
  const classBySubject = new Map<string, string>();
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(path.join(root, dir.name))) {
      if (!file.endsWith('.subject-map.ts')) continue;
      const text = readFileSync(path.join(root, dir.name, file), 'utf8');
      for (const m of text.matchAll(/\[(\w+)\.(\w+)\]:\s*Rpc<\s*(\w+)/g)) {
        const subjects = exported[m[1]] as Record<string, string> | undefined;
        const subject = subjects?.[m[2]];
        if (subject) classBySubject.set(subject, m[3]);
      }
    }
  }
  return Object.entries(ClientCommands).map(([cmd, entry]) => {
    const className = classBySubject.get(entry.subject);
    const cls = className ? exported[className] : undefined;
    if (typeof cls !== 'function')
      throw new Error(`no request class found for ${cmd} (${entry.subject})`);
    return { cmd, shape: contractShape(cls as new () => object) };
  });
}
