import { BUSY_CODE, ImError, isBusy, retryDelayMs, SdkErrorCodes } from './im-error';

describe(retryDelayMs.name, () => {
  it('waits what a busy answer asks for, at most 30 s', () => {
    expect(retryDelayMs(new ImError(BUSY_CODE, 'busy', 250), 1000)).toBe(250);
    expect(retryDelayMs(new ImError(BUSY_CODE, 'busy', 0), 1000)).toBe(0);
    expect(retryDelayMs(new ImError(BUSY_CODE, 'busy', 600_000), 1000)).toBe(30_000);
  });

  it('falls back to the caller’s own pause without a hint', () => {
    expect(retryDelayMs(new ImError(BUSY_CODE, 'too many in flight'), 400)).toBe(400);
    expect(retryDelayMs(new ImError(SdkErrorCodes.Timeout, 'timed out'), 400)).toBe(400);
    expect(retryDelayMs(new Error('odd'), 400)).toBe(400);
  });
});

describe(isBusy.name, () => {
  it('counts the busy answer as worth retrying', () => {
    expect(isBusy(new ImError(BUSY_CODE, 'busy', 100))).toBe(true);
    expect(isBusy(new ImError(20007, 'blocked'))).toBe(false);
  });
});
