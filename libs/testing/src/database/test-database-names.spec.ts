import {
  assertTestDatabaseName,
  migrationsFingerprint,
  serviceNamePart,
  templateDatabaseName,
  testDatabaseName,
} from './test-database-names';

const makeMigration = (
  over: Partial<{ version: number; name: string; checksum: string }> = {},
) => ({
  version: 1,
  name: 'create_things',
  checksum: 'a'.repeat(64),
  ...over,
});

describe('test database names', () => {
  describe(templateDatabaseName.name, () => {
    it('names the template after the service and 10 hex of the migrations', () => {
      expect(templateDatabaseName('group', [makeMigration()])).toMatch(
        /^im_group_test_tpl_[0-9a-f]{10}$/,
      );
    });

    it('is stable for the same migrations in any order', () => {
      const one = makeMigration();
      const two = makeMigration({ version: 2, name: 'create_others', checksum: 'b'.repeat(64) });

      expect(templateDatabaseName('group', [one, two])).toBe(
        templateDatabaseName('group', [two, one]),
      );
    });

    it('changes when a migration checksum changes', () => {
      const before = templateDatabaseName('group', [makeMigration()]);
      const after = templateDatabaseName('group', [makeMigration({ checksum: 'c'.repeat(64) })]);

      expect(after).not.toBe(before);
    });

    it('changes when a migration is added', () => {
      const one = makeMigration();
      const two = makeMigration({ version: 2, name: 'add_index' });

      expect(templateDatabaseName('group', [one, two])).not.toBe(
        templateDatabaseName('group', [one]),
      );
    });

    it('turns hyphens of a service name into underscores', () => {
      expect(templateDatabaseName('callback-dispatcher', [])).toMatch(
        /^im_callback_dispatcher_test_tpl_/,
      );
    });
  });

  describe(migrationsFingerprint.name, () => {
    it('is 10 lower-case hex characters, also for no migrations', () => {
      expect(migrationsFingerprint([])).toMatch(/^[0-9a-f]{10}$/);
    });
  });

  describe(testDatabaseName.name, () => {
    it('names a per-file database with the random part given', () => {
      expect(testDatabaseName('message', 'abc123')).toBe('im_message_test_abc123');
    });

    it('gives different names on each call', () => {
      expect(testDatabaseName('message')).not.toBe(testDatabaseName('message'));
    });
  });

  describe(assertTestDatabaseName.name, () => {
    it('refuses a database name without "test"', () => {
      expect(() => assertTestDatabaseName('im_group')).toThrow(/refusing database "im_group"/);
    });

    it('refuses names that would need quoting or are too long', () => {
      expect(() => assertTestDatabaseName('im_test"; DROP')).toThrow(/refusing/);
      expect(() => assertTestDatabaseName(`im_test_${'x'.repeat(60)}`)).toThrow(/at most 63/);
    });

    it('accepts a harness name', () => {
      expect(() => assertTestDatabaseName('im_group_test_0a1b2c')).not.toThrow();
    });
  });

  describe(serviceNamePart.name, () => {
    it('refuses something that is not a service name', () => {
      expect(() => serviceNamePart('Group; --')).toThrow(/not a service name/);
    });
  });
});
