import { existsSync } from 'node:fs';
import path from 'node:path';

/** The monorepo root: the nearest folder above `from` that holds nx.json. */
export function findRepoRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`[testing] no nx.json in ${from} or any folder above it`);
    }
  }
}
