import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every source file of a service is named `<what>.<role>.ts` with a role from the table in
 * docs/house-style.md (read from the document itself, so the table and the tree cannot drift).
 */
const repoRoot = path.resolve(__dirname, '../../../..');

/** Entry points and the service's own tests are not roles. */
const EXEMPT = /(^main|^admin-cli|\.spec|\.int-spec|\.e2e-spec|\.fake)\.ts$/;

function rolesOfHouseStyle(): Set<string> {
  const doc = readFileSync(path.join(repoRoot, 'docs/house-style.md'), 'utf8');
  const roles = [...doc.matchAll(/^\|\s*`([a-z-]+)`\s*\|/gm)].map((m) => m[1]);
  return new Set(roles);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !EXEMPT.test(entry.name) ? [full] : [];
  });
}

function serviceSourceFiles(): string[] {
  const apps = path.join(repoRoot, 'apps');
  return (
    readdirSync(apps, { withFileTypes: true })
      // the console is a web page (React components), not a service
      .filter((d) => d.isDirectory() && d.name !== 'e2e' && d.name !== 'console')
      .flatMap((d) => sourceFiles(path.join(apps, d.name, 'src')))
      .map((file) => path.relative(repoRoot, file))
  );
}

function roleOf(file: string): string | undefined {
  const parts = path.basename(file, '.ts').split('.');
  return parts.length > 1 ? parts[parts.length - 1] : undefined;
}

describe('file roles', () => {
  const roles = rolesOfHouseStyle();

  it('reads the role table of docs/house-style.md', () => {
    expect(roles.size).toBeGreaterThan(20);
    for (const role of ['handler', 'consumer', 'service', 'rules', 'repository', 'client'])
      expect(roles).toContain(role);
  });

  it('names every service source file <what>.<role>.ts with a role of the table', () => {
    const files = serviceSourceFiles();
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => {
      const role = roleOf(file);
      return role === undefined || !roles.has(role);
    });
    expect(offenders).toEqual([]);
  });
});
