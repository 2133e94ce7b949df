import { TestEnvironment } from 'jest-environment-node';

/** Set on the test file's global once one of its tests or hooks failed. */
export const FAILED_FLAG = '__imE2eFailed';

/**
 * The Node environment of the e2e files, which also notes whether a test or hook of the file
 * failed: a fixture then keeps the services' logs instead of deleting them with its temporary
 * directory (`keepLogsIfFailed`).
 */
export default class E2eEnvironment extends TestEnvironment {
  handleTestEvent(event: { name: string }): void {
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure')
      this.global[FAILED_FLAG] = true;
  }
}
