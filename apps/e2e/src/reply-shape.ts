/**
 * A reply shape as docs/protocol.md writes it: `'string'`, `'int'`, `'bool'`, `'object'`
 * (any object), `'any'`, literals (`'"joined"'`, `'1'`), unions with `|` (`'string|null'`,
 * `'"joined"|"pending"'`); `[shape]` an array of it; `{ field: shape, 'field?': shape }` an
 * object with exactly these fields (`?` = may be absent).
 */
export type Shape = string | Shape[] | { [field: string]: Shape };

function isType(value: unknown, type: string): boolean {
  if (type.startsWith('"') || /^-?\d+$/.test(type)) return value === JSON.parse(type);
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return Number.isInteger(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'any':
      return value !== undefined;
    default:
      throw new Error(`unknown type ${type} in a shape`);
  }
}

/** What in `value` differs from `shape` (empty when it matches), with the paths. */
export function shapeProblems(value: unknown, shape: Shape, at = 'data'): string[] {
  if (typeof shape === 'string') {
    return shape.split('|').some((t) => isType(value, t.trim()))
      ? []
      : [`${at}: ${JSON.stringify(value)} is not ${shape}`];
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((v, i) => shapeProblems(v, shape[0], `${at}[${i}]`));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${at}: not an object`];
  const problems: string[] = [];
  const record = value as Record<string, unknown>;
  const known = new Set<string>();
  for (const [key, sub] of Object.entries(shape)) {
    const optional = key.endsWith('?');
    const field = optional ? key.slice(0, -1) : key;
    known.add(field);
    if (record[field] === undefined) {
      if (!optional) problems.push(`${at}.${field}: missing`);
      continue;
    }
    problems.push(...shapeProblems(record[field], sub, `${at}.${field}`));
  }
  for (const field of Object.keys(record))
    if (!known.has(field)) problems.push(`${at}.${field}: not in the document`);
  return problems;
}
