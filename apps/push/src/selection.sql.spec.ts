import { PgDialect } from 'drizzle-orm/pg-core';

import { selectionCountQuery, selectionPageQuery } from './selection.sql';

const dialect = new PgDialect();
const render = (q: Parameters<PgDialect['sqlToQuery']>[0]) => dialect.sqlToQuery(q);

describe(selectionPageQuery.name, () => {
  it('reads everybody from the account mirror after the cursor, one page', () => {
    const q = render(selectionPageQuery(7, { and: [], or: [] }, 'bob', 500));
    expect(q.sql).toMatch(/FROM push_users u\s+WHERE u.sdk_app_id = \$1 AND u.user_id > \$2/);
    expect(q.sql).toMatch(/ORDER BY u.user_id LIMIT \$3/);
    expect(q.params).toEqual([7, 'bob', 500]);
  });

  it('drives an AND selection from the first predicate’s index range and filters by the rest', () => {
    const q = render(
      selectionPageQuery(
        7,
        {
          and: [
            { kind: 'tag', tag: 'vip' },
            { kind: 'attr', slot: 1, value: 'SZ' },
          ],
          or: [{ kind: 'tag', tag: 'x' }],
        },
        null,
        100,
      ),
    );
    expect(q.sql).toMatch(/FROM push_user_tags d\s+WHERE d.sdk_app_id = \$1 AND d.tag = \$2/);
    expect(q.sql).toContain('FROM push_users u');
    expect(q.sql).toContain('FROM push_user_attrs a');
    expect(q.params).toEqual(expect.arrayContaining([7, 'vip', '', 1, 'SZ', 'x', 100]));
  });

  it('merges the next page of every OR predicate and marks which candidates are accounts', () => {
    const q = render(
      selectionPageQuery(
        7,
        {
          and: [],
          or: [
            { kind: 'attr', slot: 0, value: 'gold' },
            { kind: 'attr', slot: 0, value: 'silver' },
          ],
        },
        'm',
        50,
      ),
    );
    expect(q.sql.match(/ UNION /g)).toHaveLength(1);
    expect(q.sql).toMatch(/AS ok/);
    expect(q.params).toEqual([7, 7, 0, 'gold', 'm', 50, 7, 0, 'silver', 'm', 50, 50]);
  });
});

describe(selectionCountQuery.name, () => {
  it('counts everybody, or the users matching the plan', () => {
    expect(render(selectionCountQuery(7, { and: [], or: [] })).sql).toMatch(
      /count\(\*\)::int AS n FROM push_users WHERE sdk_app_id = \$1/,
    );
    expect(
      render(selectionCountQuery(7, { and: [], or: [{ kind: 'tag', tag: 'a' }] })).sql,
    ).toContain('FROM push_user_tags d');
  });
});
