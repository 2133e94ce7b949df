/** A request's `seq` as docs/protocol.md §2 defines it: a uint32. Anything else is no seq. */
export function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/**
 * How deeply the JSON text nests objects and arrays (brackets inside strings do not count),
 * read in one pass without recursion, so a frame nested 30,000 levels deep is measured before
 * anything recursive (serializing it for the bus) could overflow the stack.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** A client's value quoted in an answer, cut to a bounded length. */
export function echo(value: string, max = 64): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
