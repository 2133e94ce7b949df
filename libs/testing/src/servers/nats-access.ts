// Loaded by the jest global setup through plain Node resolution: no @im/* imports here.

/**
 * What each service may do on the bus: the NATS users the launcher, the test harness and the
 * deployments (deploy/nats/auth.conf) create, one per service, each limited to its contract.
 * `nats-access.spec.ts` scans every app's sources (and the library clients it uses) for the
 * subjects it touches and fails when a row does not allow one, so a new subject under an
 * existing callee's prefix needs nothing, and a new edge between services needs its line here.
 */
export interface NatsServiceAccess {
  /**
   * The subject root the service owns: it serves `<root>.rpc.>`, publishes `<root>.evt.>`
   * (its stream) and may use anything else under `<root>.` (conn-gateway: `conn.deliver.*`).
   */
  owns?: string;
  /** RPC subjects of other services it calls: a callee's `<root>.rpc.>` or exact subjects. */
  calls: readonly string[];
  /** Owners (`account`, `group`) whose events it listens to or consumes from their stream. */
  events: readonly string[];
  /** Other subjects it publishes to (directed delivery to the gateways). */
  delivers?: readonly string[];
  /**
   * Single event subjects of another service it subscribes to over core NATS, where its
   * whole stream would show it more than it needs (message events carry message bodies).
   */
  listens?: readonly string[];
}

/**
 * The app registry's RPCs: the operator's alone (the account service serves them). Denied to
 * every service user whatever its row says; a role header cannot lift that.
 */
export const OPERATOR_ONLY_SUBJECTS: readonly string[] = [
  'account.rpc.create-app',
  'account.rpc.get-app',
  'account.rpc.update-app',
  'account.rpc.rotate-app-key',
  'account.rpc.ensure-first-operator',
  'callback-dispatcher.rpc.list-dead-letters',
  'callback-dispatcher.rpc.replay-dead-letters',
  'callback-dispatcher.rpc.discard-dead-letters',
];

/** What every service with the app registry cache needs (libs/platform app-registry). */
const APP_REGISTRY = 'account.rpc.get-app-credentials';
/** libs/platform AccountsClient: does an account exist. */
const ACCOUNTS_CHECK = 'account.rpc.check';
/** libs/platform SensitiveWordsCache: an app's words (changes arrive as message events). */
const SENSITIVE_WORDS = 'message.rpc.get-dirty-words';
const SENSITIVE_WORDS_CHANGED = 'message.evt.dirty-words-changed';
/** libs/platform BeforeCallbackClient. */
const BEFORE_CALLBACK = 'callback-dispatcher.rpc.before';

export const NATS_SERVICE_ACCESS: Readonly<Record<string, NatsServiceAccess>> = {
  account: {
    owns: 'account',
    // app statistics: counted from the other services' events, group totals asked of group;
    // the users with push device tokens asked of push (query_online_status, PushOnline)
    calls: ['group.rpc.list-app-groups', 'push.rpc.find-devices'],
    events: ['conn', 'message', 'relation', 'group', 'callback-dispatcher'],
  },
  profile: {
    owns: 'profile',
    calls: [APP_REGISTRY, ACCOUNTS_CHECK, SENSITIVE_WORDS],
    events: ['account'],
    listens: [SENSITIVE_WORDS_CHANGED],
  },
  relation: {
    owns: 'relation',
    calls: [APP_REGISTRY, ACCOUNTS_CHECK, BEFORE_CALLBACK, SENSITIVE_WORDS, 'profile.rpc.>'],
    events: ['account', 'profile'],
    listens: [SENSITIVE_WORDS_CHANGED],
  },
  group: {
    owns: 'group',
    calls: [
      APP_REGISTRY,
      ACCOUNTS_CHECK,
      BEFORE_CALLBACK,
      SENSITIVE_WORDS,
      'message.rpc.group-unread-anchor',
      // get_topic's SelfInfo and LastMsg: a member's read seq, unread, last message per topic
      'message.rpc.line-states',
      'profile.rpc.get',
    ],
    events: ['account'],
    listens: [SENSITIVE_WORDS_CHANGED],
  },
  'conn-gateway': {
    owns: 'conn',
    calls: [
      APP_REGISTRY,
      'account.rpc.login',
      'account.rpc.query-online-status',
      'profile.rpc.>',
      'relation.rpc.>',
      'group.rpc.>',
      'message.rpc.>',
      'push.rpc.>',
    ],
    events: ['account'],
  },
  message: {
    owns: 'message',
    calls: [
      APP_REGISTRY,
      ACCOUNTS_CHECK,
      BEFORE_CALLBACK,
      'profile.rpc.>',
      'relation.rpc.>',
      'group.rpc.>',
      'account.rpc.get-no-speaking',
    ],
    events: ['account', 'profile', 'relation', 'group', 'conn'],
    delivers: ['conn.deliver.*', 'conn.room.>'],
  },
  push: {
    owns: 'push',
    calls: [APP_REGISTRY, ACCOUNTS_CHECK],
    events: ['account', 'message', 'conn'],
    delivers: ['conn.deliver.*'],
  },
  'callback-dispatcher': {
    owns: 'callback-dispatcher',
    // account.rpc.list-robots: whether a C2C receiver is a robot (Bot.OnC2CMessage)
    calls: [APP_REGISTRY, 'profile.rpc.>', 'account.rpc.list-robots'],
    events: ['account', 'profile', 'relation', 'group', 'message', 'conn'],
  },
  // uploads and downloads over HTTP: app keys (UserSigs, signed links), an uploader's last kick
  // (docs/usersig.md §5 step 10); stored messages attach the uploads they name (retention);
  // serves media.rpc.* (the REST edge's im_cos_msg commands)
  media: {
    owns: 'media',
    calls: [APP_REGISTRY, 'account.rpc.login'],
    events: ['account', 'message'],
  },
  'api-gateway': {
    calls: [
      APP_REGISTRY,
      'account.rpc.import',
      'account.rpc.import-many',
      'account.rpc.delete',
      'account.rpc.check',
      'account.rpc.kick',
      // an admin's last kick, for its REST UserSigs (docs/usersig.md §5 step 10)
      'account.rpc.login',
      'account.rpc.query-online-status',
      'account.rpc.get-app-stats',
      'account.rpc.set-no-speaking',
      'account.rpc.get-no-speaking',
      'profile.rpc.>',
      'relation.rpc.>',
      'group.rpc.>',
      'message.rpc.>',
      'push.rpc.>',
      'callback-dispatcher.rpc.get-egress-ips',
      // the console's callbacks page, as the app's admin after the operator check
      'callback-dispatcher.rpc.list-app-deliveries',
      'callback-dispatcher.rpc.list-app-dead-letters',
      'callback-dispatcher.rpc.replay-app-dead-letter',
      // the console API: every call carries the operator's session, checked by account
      'account.rpc.operator-login',
      'account.rpc.operator-logout',
      'account.rpc.operator-session',
      'account.rpc.operator-list-apps',
      'account.rpc.operator-create-app',
      'account.rpc.operator-rotate-app-key',
      'account.rpc.operator-set-app-features',
      'account.rpc.operator-list-audit',
      'account.rpc.operator-check',
      'account.rpc.operator-record',
      'account.rpc.operator-get-callbacks',
      'account.rpc.operator-set-callbacks',
      'account.rpc.operator-get-app-settings',
      'account.rpc.operator-set-app-settings',
      // im_cos_msg (chat files on the media store)
      'media.rpc.>',
      // openim_robot_http_svc
      'account.rpc.create-robot',
      'account.rpc.delete-robot',
      'account.rpc.list-robots',
    ],
    events: ['account'],
  },
};

/** The user the operator tools (admin-cli, the launcher, the test harness) connect as. */
export const NATS_OPERATOR_USER = 'operator';

/** The inbox prefix of a user: its replies arrive there, and only it may subscribe to it. */
export function natsInboxPrefix(user: string): string {
  return `_INBOX_${user.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** `group` → `GROUP_EVENTS`, `callback-dispatcher` → `CALLBACK_DISPATCHER_EVENTS`. */
export function eventStreamName(owner: string): string {
  return `${owner.replace(/-/g, '_').toUpperCase()}_EVENTS`;
}

export interface NatsPermissions {
  publish: { allow: string[]; deny: string[] };
  subscribe: { allow: string[] };
}

/** The JetStream API a service needs: its own stream, and consumers on the streams it reads. */
function jetStreamSubjects(access: NatsServiceAccess): string[] {
  const subjects = ['$JS.API.INFO'];
  if (access.owns) {
    const own = eventStreamName(access.owns);
    for (const op of ['INFO', 'CREATE', 'UPDATE']) subjects.push(`$JS.API.STREAM.${op}.${own}`);
  }
  for (const owner of access.events) {
    const stream = eventStreamName(owner);
    subjects.push(
      `$JS.API.STREAM.INFO.${stream}`,
      `$JS.API.CONSUMER.*.${stream}.>`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.>`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.>`,
      `$JS.ACK.${stream}.>`,
    );
  }
  return subjects;
}

/** What a service sends requests and deliveries to (its own subjects included). */
function requestSubjects(access: NatsServiceAccess): string[] {
  return [
    ...(access.owns ? [`${access.owns}.>`] : []),
    ...access.calls,
    ...(access.delivers ?? []),
  ];
}

/** What a service receives requests and deliveries on. */
function servedSubjects(access: NatsServiceAccess): string[] {
  return [...(access.owns ? [`${access.owns}.>`] : []), ...(access.listens ?? [])];
}

/**
 * The inboxes a service may answer into: those of the services whose requests can reach it,
 * its own, the operator's, and the default `_INBOX.` of tools that set no prefix (only the
 * operator may subscribe there). Listed rather than granted per request (`allow_responses`):
 * nats-server 2.9 keeps every granted reply in a per-connection map that it scans on each
 * delivery once it holds 4,096 entries, and a reply granted twice but sent once stays 2 minutes
 * — at a few hundred requests a second nats-server spent most of its CPU in that scan.
 */
function replyInboxes(service: string): string[] {
  const served = servedSubjects(NATS_SERVICE_ACCESS[service]);
  const callers = Object.entries(NATS_SERVICE_ACCESS)
    .filter(
      ([caller, access]) =>
        caller === service ||
        requestSubjects(access).some((to) => served.some((at) => subjectsOverlap(to, at))),
    )
    .map(([caller]) => caller);
  return [...callers, NATS_OPERATOR_USER]
    .map((user) => `${natsInboxPrefix(user)}.>`)
    .concat('_INBOX.>');
}

/** The NATS permissions of a service's user. */
export function natsPermissions(service: string): NatsPermissions {
  const access = NATS_SERVICE_ACCESS[service];
  if (!access) throw new Error(`[nats-access] no NATS access row for service ${service}`);
  const own = access.owns ? [`${access.owns}.>`] : [];
  return {
    publish: {
      allow: [
        ...own,
        ...access.calls,
        ...(access.delivers ?? []),
        ...jetStreamSubjects(access),
        ...replyInboxes(service),
      ],
      deny: [...OPERATOR_ONLY_SUBJECTS],
    },
    subscribe: {
      allow: [
        ...own,
        `${natsInboxPrefix(service)}.>`,
        ...access.events.map((o) => `${o}.evt.>`),
        ...(access.listens ?? []),
      ],
    },
  };
}

/** Whether a NATS subject pattern (`*`, `>`) covers a subject (or a narrower pattern). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] === '*') {
      if (s[i] === '>') return false;
      continue;
    }
    if (p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

/** Whether two subject patterns (`*`, `>`) can both match one subject. */
export function subjectsOverlap(a: string, b: string): boolean {
  const p = a.split('.');
  const q = b.split('.');
  for (let i = 0; ; i++) {
    if (i >= p.length || i >= q.length) return p.length === q.length;
    if (p[i] === '>' || q[i] === '>') return true;
    if (p[i] !== '*' && q[i] !== '*' && p[i] !== q[i]) return false;
  }
}

export interface NatsUser {
  user: string;
  /** The password, or a `$VARIABLE` the config defines elsewhere. */
  password: string;
  /** Service users are limited; the operator is not. */
  service?: string;
}

const quote = (s: string) => JSON.stringify(s);
const list = (items: readonly string[]) => `[${items.map(quote).join(', ')}]`;

/**
 * The `authorization { users: [...] }` block of a nats-server config: the operator without
 * limits, each service with its permissions (its replies go to the inboxes listed in them).
 */
export function renderNatsAuthorization(users: readonly NatsUser[]): string {
  const lines = users.map(({ user, password, service }) => {
    const pw = password.startsWith('$') ? password : quote(password);
    if (!service) return `    { user: ${quote(user)}, password: ${pw} }`;
    const p = natsPermissions(service);
    return [
      `    {`,
      `      user: ${quote(user)}, password: ${pw}`,
      `      permissions: {`,
      `        publish: { allow: ${list(p.publish.allow)}, deny: ${list(p.publish.deny)} }`,
      `        subscribe: { allow: ${list(p.subscribe.allow)} }`,
      `      }`,
      `    }`,
    ].join('\n');
  });
  return `authorization {\n  users: [\n${lines.join('\n')}\n  ]\n}\n`;
}
