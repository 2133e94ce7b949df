import { createHash, randomBytes } from 'node:crypto';

/** What identifies a migration for the template fingerprint (a MigrationFile of @im/platform). */
export interface MigrationIdentity {
  version: number;
  name: string;
  checksum: string;
}

const MAX_IDENTIFIER_LENGTH = 63;

/** `callback-dispatcher` → `callback_dispatcher`; rejects anything but a plain service name. */
export function serviceNamePart(service: string): string {
  if (!/^[a-z][a-z0-9_-]*$/.test(service)) {
    throw new Error(`[testing] not a service name: "${service}" (lower-case letters, digits, -)`);
  }
  return service.replace(/-/g, '_');
}

/**
 * Refuses any database name the harness must not create or drop: one without `test`, with
 * characters that would need quoting, or longer than postgres keeps.
 */
export function assertTestDatabaseName(name: string): void {
  if (!name.includes('test')) {
    throw new Error(`[testing] refusing database "${name}": test database names contain "test"`);
  }
  if (!/^[a-z][a-z0-9_]*$/.test(name) || name.length > MAX_IDENTIFIER_LENGTH) {
    throw new Error(
      `[testing] refusing database "${name}": expected [a-z0-9_], at most ${MAX_IDENTIFIER_LENGTH} chars`,
    );
  }
}

/** First 10 hex of a sha256 over the migrations (version, name, checksum), in version order. */
export function migrationsFingerprint(migrations: readonly MigrationIdentity[]): string {
  const lines = [...migrations]
    .sort((a, b) => a.version - b.version)
    .map((m) => `${m.version}\t${m.name}\t${m.checksum}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex').slice(0, 10);
}

/** `im_<service>_test_tpl_<fingerprint>`: a changed migration gives a new template. */
export function templateDatabaseName(
  service: string,
  migrations: readonly MigrationIdentity[],
): string {
  const name = `im_${serviceNamePart(service)}_test_tpl_${migrationsFingerprint(migrations)}`;
  assertTestDatabaseName(name);
  return name;
}

/** `im_<service>_test_<random hex>`: one per test file. */
export function testDatabaseName(service: string, random = randomBytes(5).toString('hex')): string {
  const name = `im_${serviceNamePart(service)}_test_${random}`;
  assertTestDatabaseName(name);
  return name;
}
