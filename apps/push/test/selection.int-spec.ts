/**
 * Keyset paging of push selections on PostgreSQL with thousands of users: every targeted user
 * exactly once, in order, whatever the page size, for everybody, AND and OR conditions (OR
 * ranges overlap), and never a user of another app or one without an account.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';

import { createTestDatabase } from '@im/testing';
import type { TestDatabase } from '@im/testing';

import { PushTaskRepository } from '../src/push-task.repository';
import { PushUserRepository } from '../src/push-user.repository';
import type { SelectionPlan } from '../src/push.rules';
import { pushSchema } from '../src/push.schema';

const APP = 1_400_000_001;
const OTHER = 1_400_000_002;
const N = 3000;

let db: TestDatabase;
let pool: Pool;
let users: PushUserRepository;
let tasks: PushTaskRepository;

const id = (i: number) => `user-${String(i).padStart(5, '0')}`;

beforeAll(async () => {
  db = await createTestDatabase('push');
  pool = new Pool({ connectionString: db.url, max: 2 });
  // A client still closing when afterAll drops the database WITH (FORCE) is terminated.
  pool.on('error', () => undefined);
  const database = drizzle(pool, { schema: pushSchema });
  users = new PushUserRepository(database);
  tasks = new PushTaskRepository(database);
  const all = Array.from({ length: N }, (_, i) => id(i));
  await users.upsertUsers(APP, all);
  await users.upsertUsers(OTHER, all);
  // Tags: every 2nd user "even", every 3rd "three"; OTHER tags everybody with both.
  await users.insertUserTags(APP, [
    ...all.filter((_, i) => i % 2 === 0).map((userId) => ({ userId, tag: 'even' })),
    ...all.filter((_, i) => i % 3 === 0).map((userId) => ({ userId, tag: 'three' })),
    // Tags of users that have no account are never targeted.
    { userId: 'zz-no-account', tag: 'even' },
    { userId: 'zz-no-account', tag: 'three' },
  ]);
  await users.insertUserTags(
    OTHER,
    all.map((userId) => ({ userId, tag: 'even' })),
  );
  await users.upsertUserAttrs(
    APP,
    all.map((userId, i) => ({ userId, slot: 0, value: i % 5 === 0 ? 'gold' : 'silver' })),
  );
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function readAll(plan: SelectionPlan, pageSize: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await tasks.selectPage(APP, plan, cursor, pageSize);
    expect(page.candidates.length).toBeLessThanOrEqual(pageSize);
    out.push(...page.targets);
    if (page.candidates.length < pageSize) return out;
    cursor = page.candidates[page.candidates.length - 1];
  }
}

const expected = (keep: (i: number) => boolean) =>
  Array.from({ length: N }, (_, i) => i)
    .filter(keep)
    .map(id);

it.each([
  ['everybody', { and: [], or: [] }, () => true],
  [
    'TagsAnd',
    {
      and: [
        { kind: 'tag', tag: 'even' },
        { kind: 'tag', tag: 'three' },
      ],
      or: [],
    },
    (i: number) => i % 6 === 0,
  ],
  [
    'TagsOr',
    {
      and: [],
      or: [
        { kind: 'tag', tag: 'even' },
        { kind: 'tag', tag: 'three' },
      ],
    },
    (i: number) => i % 2 === 0 || i % 3 === 0,
  ],
  [
    'AttrsAnd with a tag-free plan',
    { and: [{ kind: 'attr', slot: 0, value: 'gold' }], or: [] },
    (i: number) => i % 5 === 0,
  ],
  [
    'AttrsOr',
    {
      and: [],
      or: [
        { kind: 'attr', slot: 0, value: 'gold' },
        { kind: 'attr', slot: 0, value: 'silver' },
      ],
    },
    () => true,
  ],
] as [string, SelectionPlan, (i: number) => boolean][])(
  'pages through %s: each target once, in order, and counts them',
  async (_what, plan, keep) => {
    const want = expected(keep);

    for (const pageSize of [7, 500]) expect(await readAll(plan, pageSize)).toEqual(want);
    expect(await tasks.countSelection(APP, plan)).toBe(want.length);
  },
);
