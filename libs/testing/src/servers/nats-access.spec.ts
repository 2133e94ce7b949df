import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import * as contracts from '@im/contracts';
import { natsInboxPrefix as platformInboxPrefix } from '@im/platform';

import {
  eventStreamName,
  NATS_SERVICE_ACCESS,
  natsInboxPrefix,
  natsPermissions,
  OPERATOR_ONLY_SUBJECTS,
  renderNatsAuthorization,
  subjectsOverlap,
  subjectMatches,
} from './nats-access';

const repoRoot = path.resolve(__dirname, '../../../..');
const exportsOf = contracts as unknown as Record<string, Record<string, unknown> | undefined>;

/** `XxxRpc.Yyy`, `XxxEvt.Yyy`, `ConnSubjects.deliver`, `EventStreams.group`. */
const SUBJECT_REF = /\b([A-Z][A-Za-z]*(?:Rpc|Evt|Subjects|Streams))\.([A-Za-z0-9]+)\b/g;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [file] : [];
  });
}

/** A use of the bus: a subject, or a stream (`stream:GROUP_EVENTS` with its root). */
type Use = { subject: string } | { stream: string; root: string };

/** The bus subjects and streams a source file names through the contracts' constants. */
function usesIn(text: string): Use[] {
  const uses: Use[] = [];
  for (const [, holder, key] of text.matchAll(SUBJECT_REF)) {
    const value = exportsOf[holder]?.[key];
    if (typeof value === 'string') uses.push({ subject: value });
    else if (typeof value === 'function') {
      // ConnSubjects.deliver(nodeId), .room(sdkAppId, groupId): every token a wildcard
      const built = (value as (...a: string[]) => string)('*', '*');
      uses.push({ subject: built });
    } else if (value && typeof value === 'object' && 'subjects' in value) {
      const stream = value as { name: string; subjects: readonly string[] };
      uses.push({ stream: stream.name, root: stream.subjects[0].split('.')[0] });
    }
  }
  return uses;
}

/** Contracts files by what they export (tables such as ClientCommands name subjects too). */
const contractsByExport = new Map<string, string>();
for (const file of sourceFiles(path.join(repoRoot, 'libs/contracts/src'))) {
  if (/\.subjects\.ts$|subject-map\.ts$/.test(file)) continue; // where constants are defined
  for (const [, name] of readFileSync(file, 'utf8').matchAll(
    /export (?:const|function|class) (\w+)/g,
  ))
    contractsByExport.set(name, file);
}

/** Library clients a service uses, by the name that shows it, and the file that calls out. */
const PLATFORM_CLIENTS: [RegExp, string][] = [
  [/\bAccountsClient\b/, 'clients/accounts.client.ts'],
  [/\bBeforeCallbackClient\b/, 'callbacks/before-callback.client.ts'],
  [/\bAppRegistryCache\b|\bappRegistry:/, 'app-registry/app-registry.cache.ts'],
  [/\bSensitiveWordsCache\b/, 'sensitive-words/sensitive-words.cache.ts'],
];

/** Everything a service's code touches on the bus: its sources, contracts tables, clients. */
function busUsesOf(app: string): Use[] {
  const texts = sourceFiles(path.join(repoRoot, 'apps', app, 'src')).map((f) =>
    readFileSync(f, 'utf8'),
  );
  const all = texts.join('\n');
  const extra = new Set<string>();
  for (const [, names] of all.matchAll(/import (?:type )?\{([^}]+)\} from '@im\/contracts'/g)) {
    for (const name of names.split(',').map((n) => n.trim().split(' ')[0])) {
      const file = contractsByExport.get(name);
      if (file) extra.add(file);
    }
  }
  for (const [shows, file] of PLATFORM_CLIENTS) {
    if (shows.test(all)) extra.add(path.join(repoRoot, 'libs/platform/src', file));
  }
  return [...texts, ...[...extra].map((f) => readFileSync(f, 'utf8'))].flatMap(usesIn);
}

/** What a row does not allow of what the code uses (empty when the row covers it). */
function notAllowed(app: string): string[] {
  const access = NATS_SERVICE_ACCESS[app];
  const owns = (root: string) => access.owns === root;
  const problems = new Set<string>();
  for (const use of busUsesOf(app)) {
    if ('stream' in use) {
      if (!owns(use.root) && !access.events.includes(use.root))
        problems.add(`consumes stream ${use.stream}: add '${use.root}' to events`);
      continue;
    }
    const { subject } = use;
    const root = subject.split('.')[0];
    if (owns(root)) continue;
    if (subject.startsWith(`${root}.rpc.`)) {
      if (!access.calls.some((p) => subjectMatches(p, subject)))
        problems.add(`calls ${subject}: add it (or '${root}.rpc.>') to calls`);
    } else if (subject.startsWith(`${root}.evt.`)) {
      if (!access.events.includes(root) && !(access.listens ?? []).includes(subject))
        problems.add(`listens to ${subject}: add '${root}' to events or it to listens`);
    } else if (!(access.delivers ?? []).some((p) => subjectMatches(p, subject))) {
      problems.add(`publishes ${subject}: add it to delivers`);
    }
  }
  return [...problems];
}

const deployables = readdirSync(path.join(repoRoot, 'apps')).filter((name) =>
  existsSync(path.join(repoRoot, 'apps', name, 'src', 'main.ts')),
);

describe('NATS users per service', () => {
  it('has a row for every service of apps/ and none for anything else', () => {
    expect(Object.keys(NATS_SERVICE_ACCESS).sort()).toEqual([...deployables].sort());
  });

  it.each(deployables)('lets %s do everything its code does on the bus', (app) => {
    expect(busUsesOf(app).length).toBeGreaterThan(0);
    expect(notAllowed(app)).toEqual([]);
  });

  it('finds a use the row does not allow (the scan is not vacuous)', () => {
    const profile = NATS_SERVICE_ACCESS.profile;
    expect(profile.calls).not.toContain(contracts.AccountRpc.Login);
    expect(usesIn('bus.request(AccountRpc.Login, req)')).toEqual([
      { subject: 'account.rpc.login' },
    ]);
    expect(usesIn('ConnSubjects.room(app, group)')).toEqual([{ subject: 'conn.room.*.*' }]);
  });

  it.each(deployables)('never lets %s call what is the operator’s alone', (app) => {
    const { publish } = natsPermissions(app);
    for (const subject of OPERATOR_ONLY_SUBJECTS) {
      expect(publish.deny).toContain(subject);
      expect(NATS_SERVICE_ACCESS[app].calls.filter((p) => subjectMatches(p, subject))).toEqual([]);
    }
  });

  it('names the operator-only subjects as the contracts do', () => {
    const all = Object.values(exportsOf).flatMap((v) =>
      v && typeof v === 'object' ? Object.values(v) : [],
    );
    for (const subject of OPERATOR_ONLY_SUBJECTS) expect(all).toContain(subject);
  });

  it('agrees with the contracts on stream names and with the platform on inboxes', () => {
    for (const stream of Object.values(contracts.EventStreams)) {
      expect(eventStreamName(stream.subjects[0].split('.')[0])).toBe(stream.name);
    }
    for (const app of deployables) expect(natsInboxPrefix(app)).toBe(platformInboxPrefix(app));
  });

  it('lets a service subscribe to its own inbox only', () => {
    const { subscribe } = natsPermissions('profile');
    expect(subscribe.allow).toContain('_INBOX_profile.>');
    expect(subscribe.allow.some((p) => subjectMatches(p, '_INBOX_message.x'))).toBe(false);
    expect(subscribe.allow.some((p) => subjectMatches(p, 'message.evt.sent'))).toBe(false);
  });

  it("lets a service answer into its callers' inboxes and the operator's, no other", () => {
    const answers = (service: string, user: string) =>
      natsPermissions(service).publish.allow.some((p) =>
        subjectMatches(p, `${natsInboxPrefix(user)}.x`),
      );
    // conn-gateway calls profile.rpc.>; media calls nothing of profile's
    expect(answers('profile', 'conn-gateway')).toBe(true);
    expect(answers('profile', 'media')).toBe(false);
    expect(answers('profile', 'operator')).toBe(true);
    // conn-gateway is called by the message service's deliveries (conn.deliver.*)
    expect(answers('conn-gateway', 'message')).toBe(true);
    expect(answers('api-gateway', 'message')).toBe(false);
    expect(renderNatsAuthorization([{ user: 'p', password: 'x', service: 'profile' }])).not.toMatch(
      /allow_responses/,
    );
  });

  it('tells which subject patterns can match one subject', () => {
    expect(subjectsOverlap('conn.deliver.*', 'conn.>')).toBe(true);
    expect(subjectsOverlap('profile.rpc.>', 'profile.>')).toBe(true);
    expect(subjectsOverlap('profile.rpc.get', 'profile.rpc.*')).toBe(true);
    expect(subjectsOverlap('account.rpc.login', 'account.rpc.check')).toBe(false);
    expect(subjectsOverlap('group.rpc.>', 'group.rpc')).toBe(false);
    expect(subjectsOverlap('a.*', 'a.b.c')).toBe(false);
  });

  it('deploy/nats/auth.conf is the table rendered with password variables', () => {
    const rendered = renderNatsAuthorization([
      { user: 'operator', password: '$NATS_PASSWORD_OPERATOR' },
      ...deployables.map((app) => ({
        user: app,
        password: `$NATS_PASSWORD_${app.replace(/-/g, '_').toUpperCase()}`,
        service: app,
      })),
    ]);
    const target = path.join(repoRoot, 'deploy/nats/auth.conf');
    let file = readFileSync(target, 'utf8');
    // regenerate with: NATS_AUTH_CONF_WRITE=1 npx jest libs/testing/src/servers/nats-access.spec.ts
    if (process.env.NATS_AUTH_CONF_WRITE) {
      file = file.slice(0, file.indexOf('authorization {')) + rendered;
      writeFileSync(target, file);
    }
    expect(file.slice(file.indexOf('authorization {'))).toBe(rendered);
  });
});
