import { isTransientInfraError } from './transient-error';

describe(isTransientInfraError.name, () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'a connection-class SQLSTATE',
      Object.assign(new Error('connection failure'), { code: '08006' }),
    ],
    [
      'an administrator shutdown',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    ['too many connections', Object.assign(new Error('too many clients'), { code: '53300' })],
    ['a serialization failure', Object.assign(new Error('could not serialize'), { code: '40001' })],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    [
      'a rollback on a broken connection',
      new Error('Failed query: rollback', {
        cause: new Error('Client has encountered a connection error and is not queryable'),
      }),
    ],
    [
      'a Redis client that gave up',
      Object.assign(new Error('Reached the max retries'), { name: 'MaxRetriesPerRequestError' }),
    ],
    [
      'a refused connection wrapped by the ORM (DrizzleQueryError)',
      new Error('Failed query: select 1', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
          code: 'ECONNREFUSED',
        }),
      }),
    ],
  ])('counts %s as transient', (_what, err) => {
    expect(isTransientInfraError(err)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a plain bug', new TypeError('x is not a function')],
    ['a string', 'ECONNREFUSED'],
    [
      'a unique violation wrapped by the ORM',
      new Error('Failed query: insert', {
        cause: Object.assign(new Error('duplicate key'), { code: '23505' }),
      }),
    ],
    ['undefined', undefined],
  ])('does not count %s as transient', (_what, err) => {
    expect(isTransientInfraError(err)).toBe(false);
  });
});
