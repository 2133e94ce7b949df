import type { CallerRole } from './caller-context';
import { actsFor, isPrivileged } from './caller-roles';

const caller = (role: CallerRole, callerId = 'alice') => ({ role, callerId });

describe(isPrivileged.name, () => {
  it('gives the App admin, services and the operator the admin rights', () => {
    expect(isPrivileged(caller('admin'))).toBe(true);
    expect(isPrivileged(caller('service'))).toBe(true);
    expect(isPrivileged(caller('operator'))).toBe(true);
  });

  it('does not give them to an end user', () => {
    expect(isPrivileged(caller('user'))).toBe(false);
  });
});

describe(actsFor.name, () => {
  it('lets a user act only for itself', () => {
    expect(actsFor(caller('user', 'alice'), 'alice')).toBe(true);
    expect(actsFor(caller('user', 'alice'), 'bob')).toBe(false);
  });

  it('lets a privileged caller act for any user', () => {
    expect(actsFor(caller('admin', 'administrator'), 'bob')).toBe(true);
    expect(actsFor(caller('service', 'message'), 'bob')).toBe(true);
  });
});
