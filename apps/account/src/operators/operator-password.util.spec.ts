import {
  generatePassword,
  hashPassword,
  tokenHash,
  verifyPassword,
} from './operator-password.util';

describe('operator passwords', () => {
  it('verifies the password a hash was made from and no other', async () => {
    const password = generatePassword();
    const stored = await hashPassword(password);

    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain(password);
    await expect(verifyPassword(password, stored)).resolves.toBe(true);
    await expect(verifyPassword(`${password}x`, stored)).resolves.toBe(false);
  });

  it('salts each hash, so one password hashes differently twice', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password'),
      hashPassword('same password'),
    ]);

    expect(a).not.toEqual(b);
  });

  it('refuses a stored value that is not an scrypt hash', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
  });

  it('stores tokens as their SHA-256', () => {
    expect(tokenHash('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
