import { ErrorCode, NatsError } from 'nats';

import { isTransientJetStreamError, setupRetryDelayMs } from './jetstream-errors';

function apiError(errCode: number): NatsError {
  const err = new NatsError('api error', ErrorCode.JetStream409);
  err.api_error = { code: 400, err_code: errCode, description: 'x' };
  return err;
}

describe(isTransientJetStreamError.name, () => {
  it('retries timeouts, missing responders, an unavailable cluster and creation races', () => {
    expect(isTransientJetStreamError(new NatsError('TIMEOUT', ErrorCode.Timeout))).toBe(true);
    expect(isTransientJetStreamError(new NatsError('503', ErrorCode.NoResponders))).toBe(true);
    for (const code of [10008, 10058, 10013, 10105, 10148]) {
      expect(isTransientJetStreamError(apiError(code))).toBe(true);
    }
  });

  it('does not retry what a retry cannot fix', () => {
    expect(isTransientJetStreamError(apiError(10059))).toBe(false); // stream not found
    expect(isTransientJetStreamError(apiError(10052))).toBe(false); // invalid config
    expect(isTransientJetStreamError(new NatsError('denied', ErrorCode.PermissionsViolation))).toBe(
      false,
    );
    expect(isTransientJetStreamError(new Error('TIMEOUT'))).toBe(false);
  });
});

describe(setupRetryDelayMs.name, () => {
  it('doubles from 250 ms up to 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(setupRetryDelayMs)).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
  });
});
