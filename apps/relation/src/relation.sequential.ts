/**
 * Runs queries of one transaction one after the other (a transaction is one connection, which
 * must not get a second query while the first runs) and returns their results in order.
 */
export async function inSequence<T extends readonly unknown[]>(
  ...queries: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query());
  return results as unknown as T;
}
