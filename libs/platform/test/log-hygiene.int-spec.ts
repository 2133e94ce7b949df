import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';

import { createTestDatabase, TestDatabase } from '@im/testing';

import { createLogger } from '../src/logging/logger';

const SECRET = 'the launch code is 0000';

/**
 * A failed database write, against a real PostgreSQL: drizzle's error carries the statement
 * and every bound value, PostgreSQL's the offending key. What reaches the log line is the
 * statement, the codes and the stack, never a value.
 */
describe('a failed database write in the log', () => {
  let migrations: string;
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    migrations = mkdtempSync(path.join(os.tmpdir(), 'log-hygiene-migrations-'));
    writeFileSync(
      path.join(migrations, '0001_notes.sql'),
      'CREATE TABLE notes (body text PRIMARY KEY, CHECK (length(body) < 100));',
    );
    db = await createTestDatabase('log-hygiene', { migrationsDir: migrations });
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
    rmSync(migrations, { recursive: true, force: true });
  });

  const logged = (err: unknown): string => {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    const logger = createLogger('log-test', 'log-test', 'info', stream);
    logger.error({ err }, 'write failed');
    logger.warn({ err: (err as Error).message }, 'write failed (message only)');
    return text;
  };

  const failure = async (write: () => Promise<unknown>): Promise<unknown> => {
    try {
      await write();
    } catch (err) {
      return err;
    }
    throw new Error('the write did not fail');
  };

  it.each([
    ['a duplicate key', `insert into notes (body) values ('${SECRET}')`, SECRET],
    ['a NUL byte PostgreSQL refuses', null, `${SECRET}\u0000`],
  ])('%s', async (_case, seed, value) => {
    const orm = drizzle(pool);
    if (seed) await pool.query(seed);
    const err = await failure(() => orm.execute(sql`insert into notes (body) values (${value})`));
    expect(String((err as Error).message)).toContain(SECRET); // what drizzle would have logged
    const text = logged(err);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('insert into notes');
    const line = JSON.parse(text.split('\n')[0]) as { err: { cause?: { code?: string } } };
    expect(line.err.cause?.code).toMatch(/^(23505|22021)$/);
  });
});
