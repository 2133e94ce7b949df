import { Writable } from 'node:stream';

import {
  capForLog,
  LogThrottle,
  safeErrorMessage,
  serializeError,
  truncateForLog,
} from './log-hygiene';
import { createLogger } from './logger';

/** A logger whose JSON lines are kept for the test to read. */
function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('test', 'test-1', 'info', stream);
  return { logger, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

/** What drizzle throws for a failed statement: the SQL and every bound value in its message. */
class DrizzleQueryError extends Error {
  constructor(
    readonly query: string,
    readonly params: unknown[],
    override readonly cause?: unknown,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(',')}`);
  }
}

const SECRET = 'meet me at the old mill at midnight';

describe('log hygiene', () => {
  it('keeps the statement of a failed query and drops its values', () => {
    const err = new DrizzleQueryError('insert into messages (body) values ($1)', [SECRET]);
    expect(safeErrorMessage(err)).toBe(
      'Failed query: insert into messages (body) values ($1)\nparams: [redacted]',
    );
    expect(safeErrorMessage(err.message)).not.toContain(SECRET);
  });

  it('serializes an error without its data-bearing properties, cause included', () => {
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      constraint: 'messages_pkey',
      detail: `Key (body)=(${SECRET}) already exists.`,
    });
    const err = new DrizzleQueryError('insert into messages (body) values ($1)', [SECRET], pgError);
    const out = serializeError(err);
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out).toMatchObject({
      type: 'DrizzleQueryError',
      message: expect.stringContaining('insert into messages'),
      stack: expect.stringContaining(' at '),
      cause: { type: 'Error', code: '23505', constraint: 'messages_pkey' },
    });
  });

  it('caps strings, depth and width', () => {
    expect(truncateForLog('x'.repeat(2000), 10)).toBe(`${'x'.repeat(10)}…[1990 more]`);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 50; i++) deep = { next: deep };
    expect(JSON.stringify(capForLog(deep))).toContain('[too deep]');
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(capForLog(wide) as object)).toHaveLength(51);
    expect(capForLog(Array.from({ length: 500 }, () => 1))).toHaveLength(51);
  });

  it('a log line never carries message content, keys or signatures, and stays bounded', () => {
    const { logger, lines } = capturingLogger();
    logger.info(
      {
        req: { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: SECRET } }] },
        app: { secretKey: 'k'.repeat(64), settings: { push: { webhook: { secret: 'w' } } } },
        query: { usersig: 'eJyr-signature' },
        call: { body: SECRET, params: [SECRET], CloudCustomData: SECRET },
        huge: 'y'.repeat(1_000_000),
      },
      'x'.repeat(100_000),
    );
    logger.error({ err: new DrizzleQueryError('update t set nick = $1', [SECRET]) }, 'failed');
    logger.warn({ err: `Failed query: select 1\nparams: ${SECRET}` }, 'failed as string');
    const text = lines().join('\n');
    expect(lines()).toHaveLength(3);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('k'.repeat(64));
    expect(text).not.toContain('eJyr-signature');
    for (const line of lines()) expect(line.length).toBeLessThan(8_000);
    expect(JSON.parse(lines()[0])).toMatchObject({ level: 'info', service: 'test' });
  });
});

describe(LogThrottle.name, () => {
  it('passes the first lines of a key per window and reports how many it held back', () => {
    let now = 0;
    const throttle = new LogThrottle(60_000, 2, 100, () => now);
    expect(throttle.admit('a')).toEqual({ log: true, suppressed: 0 });
    expect(throttle.admit('a')).toEqual({ log: true, suppressed: 0 });
    expect(throttle.admit('a')).toEqual({ log: false, suppressed: 0 });
    expect(throttle.admit('a')).toEqual({ log: false, suppressed: 0 });
    expect(throttle.admit('b')).toEqual({ log: true, suppressed: 0 });
    now = 60_000;
    expect(throttle.admit('a')).toEqual({ log: true, suppressed: 2 });
  });

  it('keeps at most maxKeys keys', () => {
    let now = 0;
    const throttle = new LogThrottle(60_000, 1, 3, () => now);
    for (const key of ['a', 'b', 'c', 'd', 'e']) expect(throttle.admit(key).log).toBe(true);
    now = 1;
    // 'a' was forgotten to make room, so it passes again
    expect(throttle.admit('a').log).toBe(true);
  });
});
