import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import * as contracts from '@im/contracts';
import { ClientCommands } from '@im/contracts';
import { classShape } from '@im/testing';
import type { ClassShape } from '@im/testing';

/**
 * The request class of every client command: `ClientCommands` names the subject, the owners'
 * `*.subject-map.ts` files tie each subject to its request class (`[MessageRpc.SendC2c]:
 * Rpc<SendC2cRequest, ...>`), and `@im/contracts` exports the class. Read from the sources,
 * so a new command is fuzzed without a change here.
 */
export function clientCommandShapes(): { cmd: string; shape: ClassShape }[] {
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
    return { cmd, shape: classShape(cls as new () => object) };
  });
}
