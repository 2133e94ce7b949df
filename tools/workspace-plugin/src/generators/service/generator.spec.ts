import path from 'node:path';

import type { Tree } from '@nx/devkit';
// The workspace as a Tree whose changes stay in memory (nothing is written).
import { FsTree } from 'nx/src/generators/tree';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const serviceGenerator = require('./generator') as (
  tree: Tree,
  options: { name: string; opsPort: number },
) => Promise<unknown>;

const repoRoot = path.resolve(__dirname, '../../../../..');

describe('service generator', () => {
  let tree: Tree;

  beforeAll(async () => {
    tree = new FsTree(repoRoot, false);
    await serviceGenerator(tree, { name: 'push-notifier', opsPort: 9198 });
  }, 60_000);

  const read = (file: string) => tree.read(file, 'utf-8') ?? '';

  it('lays the service out like apps/account', () => {
    for (const file of [
      'project.json',
      'tsconfig.build.json',
      'jest.config.js',
      '.env.example',
      'README.md',
      'migrations/platform.json',
      'src/main.ts',
      'src/push-notifier.config.ts',
      'src/push-notifier.config.spec.ts',
      'src/push-notifier.module.ts',
      'src/push-notifier.handler.ts',
      'src/push-notifier.service.ts',
      'src/push-notifier.repository.ts',
      'src/push-notifier.schema.ts',
      'src/push-notifier.errors.ts',
    ]) {
      expect(tree.exists(`apps/push-notifier/${file}`)).toBe(true);
    }
    expect(read('apps/push-notifier/src/push-notifier.config.ts')).toContain(
      "serviceConfig('PUSH_NOTIFIER', {\n  opsPort: 9198,",
    );
    expect(read('apps/push-notifier/.env.example')).toContain(
      'PUSH_NOTIFIER_DATABASE_URL=postgres://postgres@127.0.0.1:15432/im_push_notifier',
    );
    expect(JSON.parse(read('apps/push-notifier/project.json'))).toMatchObject({
      name: 'push-notifier',
      tags: ['type:app'],
    });
  });

  it("gets the outbox table from the platform's migration set, not a copy of its SQL", () => {
    const { isPlatformMigrationSet } = jest.requireActual<{
      isPlatformMigrationSet: (set: string) => boolean;
    }>('../../../../../libs/platform/src/postgres/platform-migrations');

    const manifest = JSON.parse(read('apps/push-notifier/migrations/platform.json')) as {
      platformMigrations: string[];
    };
    expect(manifest.platformMigrations).toEqual(['outbox']);
    expect(manifest.platformMigrations.every(isPlatformMigrationSet)).toBe(true);
    expect(tree.children('apps/push-notifier/migrations')).toEqual(['platform.json']);
  });

  it('adds the subjects and the event stream to the contracts', () => {
    expect(read('libs/contracts/src/push-notifier/push-notifier.subjects.ts')).toContain(
      'export const PushNotifierRpc',
    );
    expect(read('libs/contracts/src/index.ts')).toContain("export * from './push-notifier';");
    const map = read('libs/contracts/src/subject-map.ts');
    expect(map).toContain(
      "pushNotifier: { name: 'PUSH_NOTIFIER_EVENTS', subjects: ['push-notifier.evt.>'] },",
    );
    expect(map).toContain(
      "import type { PushNotifierEventMap, PushNotifierRpcMap } from './push-notifier';",
    );
    expect(map).toMatch(/interface RpcSubjectMap\s+extends\s[^{]*PushNotifierRpcMap \{\}/);
    expect(map).toMatch(/interface EventSubjectMap\s+extends\s[^{]*PushNotifierEventMap \{\}/);
  });

  it('wires the service into the build, the launcher catalogue and docker-compose', () => {
    const build = JSON.parse(read('tsconfig.build.json')) as { references: { path: string }[] };
    expect(build.references.map((r) => r.path)).toContain('apps/push-notifier/tsconfig.build.json');
    const catalogue = read('libs/testing/src/platform/platform-services.ts');
    expect(catalogue.indexOf("name: 'push-notifier'")).toBeGreaterThan(0);
    expect(catalogue.indexOf("name: 'push-notifier'")).toBeLessThan(
      catalogue.indexOf("name: 'api-gateway'"),
    );
    expect(read('docker-compose.yml')).toContain('args: { APP: push-notifier }');
    expect(read('docker-compose.yml')).toContain('PUSH_NOTIFIER_OPS_PORT');
  });

  it('refuses a service that exists', async () => {
    await expect(serviceGenerator(tree, { name: 'account', opsPort: 9101 })).rejects.toThrow(
      'apps/account already exists',
    );
  });
});
