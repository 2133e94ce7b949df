import { ErrorInfoMax, fail, ok, RestFailure, retryAfterHeader } from './envelope.mapper';

describe('envelope', () => {
  describe(ok.name, () => {
    it('is OK with code 0 and an empty ErrorInfo', () => {
      expect(ok()).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    });

    it('adds the command fields next to the three envelope fields', () => {
      expect(ok({ FailAccounts: ['a'] })).toEqual({
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
        FailAccounts: ['a'],
      });
    });
  });

  describe(fail.name, () => {
    it('is FAIL with the code and the reason', () => {
      expect(fail(70402, 'UserID is missing')).toEqual({
        ActionStatus: 'FAIL',
        ErrorInfo: 'UserID is missing',
        ErrorCode: 70402,
      });
    });

    it('carries RetryAfterMs on a busy answer, and HTTP Retry-After in whole seconds', () => {
      const busy = fail(60018, 'too many requests; retry later', 1500);
      expect(busy).toEqual({
        ActionStatus: 'FAIL',
        ErrorInfo: 'too many requests; retry later',
        ErrorCode: 60018,
        RetryAfterMs: 1500,
      });
      expect(retryAfterHeader(busy)).toBe('2');
      expect(retryAfterHeader(fail(60018, 'busy', 20))).toBe('1');
      expect(retryAfterHeader(fail(70402, 'UserID is missing'))).toBeUndefined();
    });
  });

  describe('ErrorInfo', () => {
    it('echoes a refused value of any size only in part', () => {
      const env = fail(10004, `GroupId ${'x'.repeat(5000)} is not valid`);
      expect(env.ErrorInfo).toHaveLength(ErrorInfoMax);
      expect(env.ErrorInfo.endsWith('…')).toBe(true);
      expect(fail(10004, 'short').ErrorInfo).toBe('short');
    });
  });

  describe(RestFailure.name, () => {
    it('carries a code and a message', () => {
      const sut = new RestFailure(60009, 'unknown command');
      expect(sut).toBeInstanceOf(Error);
      expect(sut).toMatchObject({ code: 60009, message: 'unknown command', name: 'RestFailure' });
    });
  });
});
