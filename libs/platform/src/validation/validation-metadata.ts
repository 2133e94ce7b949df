import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type GetTargetMetadatas = Storage['getTargetValidationMetadatas'];
type TargetMetadatas = ReturnType<GetTargetMetadatas>;

const memoized = new WeakSet<Storage>();

/**
 * class-validator looks up the rules of a class anew for every object it validates, walking
 * every class that has rules (hundreds in libs/contracts) to find base classes: measured as
 * 7 % of the message service's CPU per send. The rules are fixed once the contract classes
 * are loaded, so the answer is kept per class and options, and forgotten whenever a rule is
 * added (a class loaded later). Idempotent; every service calls it at start.
 */
export function memoizeValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (memoized.has(storage)) return;
  memoized.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let known = new Map<unknown, Map<string, TargetMetadatas>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? '-'}`;
    let byOptions = known.get(target);
    if (!byOptions) known.set(target, (byOptions = new Map<string, TargetMetadatas>()));
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    known = new Map();
    addRule(metadata);
  };
}
