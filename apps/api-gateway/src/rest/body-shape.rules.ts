/**
 * What any /v4 body must look like before its command's DTO rules see it. The DTOs bound
 * each documented field; these rules bound what no DTO names: how deep the JSON nests, keys
 * that would reach an object's prototype, strings that are not valid UTF-16, and numbers that
 * lost their value when JSON became a double.
 */

/** No Tencent v4 body nests deeper than 8 (MsgBody → element → MsgContent → …); 32 is ample. */
export const BodyDepthMax = 32;

/**
 * The deepest nesting of `raw` JSON text, counted without parsing it, so a body of 50,000
 * `[` never reaches the recursive parsers behind JSON.parse and the DTO transform. Stops
 * counting once `max` is passed.
 */
export function jsonDepthExceeds(raw: string, max = BodyDepthMax): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * JSON.parse makes `__proto__` an own key; copied with Object.assign or a class transform it
 * replaces the target's prototype. (`constructor` is harmless as an own key and may be a
 * legitimate attribute name, so it passes.)
 */
const ForbiddenKeys = new Set(['__proto__']);

/**
 * Where a NUL character is the command's to judge: message bodies (the message service
 * answers 90010, the code Tencent documents), custom data kept as JSON (stored exactly), and
 * a removal's `Reason` (carried, never stored as text). Elsewhere a NUL would reach a
 * PostgreSQL text column, which cannot hold it.
 */
const NulTolerantKeys = new Set(['MsgBody', 'AppDefinedData', 'AppMemberDefinedData', 'Reason']);

/** In unicode mode a surrogate pair is one code point, so this finds only lone surrogates. */
const LoneSurrogate = /\p{Surrogate}/u;

/**
 * The first thing in a parsed body that no command may receive, as a message naming its
 * path (never its value), or undefined when the body is clean.
 */
export function findUnsafeValue(
  value: unknown,
  path = 'body',
  nulTolerated = false,
): string | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000') && !nulTolerated)
      return `${path} contains a NUL character (U+0000), which no text field can store`;
    if (LoneSurrogate.test(value)) return `${path} is not valid UTF-16 (a lone surrogate)`;
    return undefined;
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value))
      return `${path} is an integer beyond ±2^53 and cannot be represented exactly`;
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeValue(value[i], `${path}[${i}]`, nulTolerated);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = ForbiddenKeys.has(key)
      ? `${path} has the reserved key ${key}`
      : findUnsafeValue(key, `${path} key`);
    if (keyProblem) return keyProblem;
    const found = findUnsafeValue(
      item,
      `${path}.${key.slice(0, 64)}`,
      nulTolerated || NulTolerantKeys.has(key),
    );
    if (found) return found;
  }
  return undefined;
}
